import type { Api } from '../../../shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the UI is served by the headless host. */
    api?: Api;
  }
}

export {};

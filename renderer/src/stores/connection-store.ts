import { create } from 'zustand';
import { isDesktop } from '../api/api-client';
import { onAccessLost } from '../api/http-api';

interface ConnectionState {
  /** Why this page can no longer reach ReelPilot (a restart gave it a new key); null while it can. */
  lost: string | null;
  actions: {
    /** Follows the host's refusals; returns the unsubscribe. The desktop app has no key to lose. */
    subscribe(): () => void;
  };
}

/** UI state only: whether this browser tab still holds a key the headless host accepts. */
export const useConnection = create<ConnectionState>((set) => ({
  lost: null,
  actions: {
    subscribe: () => (isDesktop() ? () => {} : onAccessLost((lost) => set({ lost }))),
  },
}));

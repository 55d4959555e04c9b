import type { Result } from './envelope';
import type { EventName, EventPayload } from './events';
import type { Channel, InputOf, OutputOf } from './index';

/**
 * `window.api`: the one surface the renderer talks to, whether it runs inside Electron (IPC
 * through the preload) or in a browser (HTTP and server-sent events through the host).
 */
export interface Api {
  readonly transport: 'ipc' | 'http';
  invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>>;
  /** Subscribes to a push event; the returned function unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * Only over HTTP: called when the event stream is back after a break (the host closed a stream
   * that fell behind, the network blinked). Events may have been missed meanwhile, so whoever
   * shows engine data reads it again. Returns the unsubscribe.
   */
  onResync?(listener: () => void): () => void;
  /**
   * Only in the desktop app: the real path of a file dropped from the operating system (a DOM
   * `File`; typed loosely because shared/ has no DOM). The browser has no paths and uploads.
   */
  readonly files?: { pathForFile(file: object): string };
}

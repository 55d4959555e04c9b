/**
 * The one IPC channel that carries push events from the main process to the renderer, as
 * `(eventName, payload)`. Declared here so the shell and the preload cannot drift apart.
 */
export const PUSH_EVENT_CHANNEL = 'reelpilot:event';

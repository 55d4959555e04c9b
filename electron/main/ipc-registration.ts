import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { channelNames, err, type Result } from '../../shared/contract';
import type { HandlerContext } from '../core/ipc/handler-registry';

export type Invoke = (
  channel: string,
  payload: unknown,
  context: HandlerContext,
) => Promise<Result<unknown>>;

/**
 * Only the app's own top frame may call the engine: a frame from anywhere else (an injected
 * iframe, a page the window was somehow navigated to) is refused before the input is looked at.
 */
export function isTrustedSender(
  frame: WebFrameMain | null,
  appUrl: string,
  isAppUrl: (url: string, app: string) => boolean,
): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, appUrl);
}

/** Registers one `ipcMain.handle` per contract channel; the registry validates the input. */
export function registerIpcHandlers(
  ipcMain: IpcMain,
  invoke: Invoke,
  trusted: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!trusted(event)) return err('FORBIDDEN', 'This window is not allowed to call ReelPilot.');
      return invoke(channel, payload, { transport: 'ipc' });
    });
  }
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}

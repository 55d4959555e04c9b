import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/contract';
import { isTrustedSender, registerIpcHandlers } from './ipc-registration';
import { FakeIpcMain } from './testing/fake-electron';
import { isAppUrl } from './window-security';

const appUrl = 'app://reelpilot/index.html';

function frame(url: string, parent: object | null = null): WebFrameMain {
  return { url, parent } as unknown as WebFrameMain;
}

describe('IPC registration', () => {
  it('trusts only the app’s own top frame', () => {
    expect(isTrustedSender(frame(appUrl), appUrl, isAppUrl)).toBe(true);
    expect(isTrustedSender(frame(appUrl, {}), appUrl, isAppUrl)).toBe(false);
    expect(isTrustedSender(frame('https://evil.example/'), appUrl, isAppUrl)).toBe(false);
    expect(isTrustedSender(null, appUrl, isAppUrl)).toBe(false);
  });

  it('registers every contract channel and refuses untrusted senders before looking at the input', async () => {
    const ipcMain = new FakeIpcMain();
    const calls: Array<[string, unknown]> = [];
    const unregister = registerIpcHandlers(
      ipcMain as unknown as IpcMain,
      async (channel, payload) => {
        calls.push([channel, payload]);
        return { ok: true, value: 'answered' };
      },
      (event) => isTrustedSender(event.senderFrame, appUrl, isAppUrl),
    );
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());

    const handler = ipcMain.handlers.get('settings:get');
    const trusted = { senderFrame: frame(appUrl) } as IpcMainInvokeEvent;
    const foreign = { senderFrame: frame('https://evil.example/') } as IpcMainInvokeEvent;
    expect(await handler?.(trusted, {})).toEqual({ ok: true, value: 'answered' });
    expect(await handler?.(foreign, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toEqual([['settings:get', {}]]);

    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

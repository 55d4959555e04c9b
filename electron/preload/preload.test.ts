import { describe, expect, it } from 'vitest';
import { PUSH_EVENT_CHANNEL, type Api } from '../../shared/contract';
import { exposed, ipcRenderer } from '../main/testing/fake-electron';

describe('preload', () => {
  it('exposes window.api made from the contract, never ipcRenderer itself', async () => {
    await import('./index');
    const api = exposed.api as Api;
    expect(Object.keys(api).sort()).toEqual(['files', 'invoke', 'on', 'transport']);
    expect(api.files?.pathForFile({ path: '/home/me/clip.mp4' } as unknown as File)).toBe(
      '/home/me/clip.mp4',
    );
    expect(api.transport).toBe('ipc');
    expect(Object.values(api)).not.toContain(ipcRenderer);

    expect(await api.invoke('settings:get', {})).toEqual({
      ok: true,
      value: { echoed: 'settings:get' },
    });
    const refused = await api.invoke('settings:drop' as 'settings:get', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(ipcRenderer.invoked).toEqual([['settings:get', {}]]);
  });

  it('delivers push events by name and unsubscribes', async () => {
    await import('./index');
    const api = exposed.api as Api;
    const seen: unknown[] = [];
    const off = api.on('settings:changed', (payload) => seen.push(payload));
    ipcRenderer.emit(PUSH_EVENT_CHANNEL, {}, 'settings:changed', { theme: 'dark' });
    ipcRenderer.emit(PUSH_EVENT_CHANNEL, {}, 'app:notice', { title: 'other' });
    off();
    ipcRenderer.emit(PUSH_EVENT_CHANNEL, {}, 'settings:changed', { theme: 'light' });
    expect(seen).toEqual([{ theme: 'dark' }]);
    expect(() => api.on('nope' as 'app:notice', () => {})).toThrow(/no event/);
  });
});

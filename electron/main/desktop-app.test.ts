import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PUSH_EVENT_CHANNEL, channelNames } from '../../shared/contract';
import type { DesktopApp } from './desktop-app';
import { fakeDesktop, resources } from './testing/fake-desktop';
import {
  BrowserWindow,
  clickMenuItem,
  dialog,
  FakeNotification,
  FakeTray,
  ipcMain,
  Menu,
  menuItems,
  powerMonitor,
  powerSaveBlocker,
  protocol,
  resetFakeElectron,
  shell,
} from './testing/fake-electron';

const harness = fakeDesktop();
const start = harness.start;
const stop = harness.stop;
let root: string;

beforeEach(() => {
  harness.setUp();
  root = harness.root;
});
afterEach(() => harness.tearDown());

const tray = () => FakeTray.instances.at(-1) as FakeTray;
const window = harness.window;

/** A running upload, as another worker holds it: the status reads it from the tables. */
function insertRunningUpload(desktop: DesktopApp): void {
  const raw = desktop.engine.database.raw;
  const now = Date.now();
  raw
    .prepare(
      `INSERT INTO distribution_videos (id, title, file_path, facts, created_at) VALUES ('v1', 'Sunset', '/v.mp4', '{}', ?)`,
    )
    .run(now);
  raw
    .prepare(
      `INSERT INTO jobs (id, kind, data, state, priority, attempts, max_attempts, not_before, lease_owner, lease_expires_at, progress, created_at, updated_at)
       VALUES ('job-1', 'upload', '{"targetId":"t1"}', 'running', 0, 1, 5, ?, 'another-worker', ?, 0.5, ?, ?)`,
    )
    .run(now, now + 3_600_000, now, now);
  raw
    .prepare(
      `INSERT INTO distribution_targets (id, video_id, account_id, platform, state, settings, job_id, created_at, updated_at)
       VALUES ('t1', 'v1', 'a1', 'youtube', 'processing', '{}', 'job-1', ?, ?)`,
    )
    .run(now, now);
}

describe('desktop app on the fake electron', () => {
  it('loads the renderer over app://, handles both protocols and every contract channel', async () => {
    const desktop = await start();
    expect(window().loaded).toEqual(['app://reelpilot/index.html']);
    expect(window().options).toMatchObject({ show: false, width: 1200 });
    window().emit('ready-to-show');
    expect(window().isVisible()).toBe(true);

    const page = await protocol.handlers.get('app')?.(new Request('app://reelpilot/index.html'));
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(protocol.isProtocolHandled('reelpilot-media')).toBe(true);

    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
    const trusted = {
      senderFrame: { url: 'app://reelpilot/index.html', parent: null },
    } as unknown as IpcMainInvokeEvent;
    const answer = await ipcMain.handlers.get('automation:status')?.(trusted, {});
    expect(answer).toMatchObject({ ok: true, value: { state: 'idle', paused: false } });
    const foreign = {
      senderFrame: { url: 'file:///etc/passwd', parent: null },
    } as unknown as IpcMainInvokeEvent;
    expect(await ipcMain.handlers.get('automation:status')?.(foreign, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(desktop.dataDir).toBe(path.join(root, 'data'));
  });

  it('pauses all automation from the tray; the pause survives a restart; Resume ends it', async () => {
    const first = await start();
    expect(tray().image.path).toBe(path.join(resources, 'tray', 'tray-idle.png'));
    clickMenuItem(tray().menu, 'Pause all automation');
    await vi.waitFor(() => expect(tray().image.path).toMatch(/tray-paused\.png$/));
    expect(tray().tooltip).toMatch(/^ReelPilot: Paused since \d\d:\d\d$/);
    expect(menuItems(tray().menu).map((item) => item.label)).toContain('Resume automation');
    // The window hears it too (the banner).
    expect(
      window().webContents.sent.some(
        ([channel, event, payload]) =>
          channel === PUSH_EVENT_CHANNEL &&
          event === 'automation:status' &&
          (payload as { paused: boolean }).paused,
      ),
    ).toBe(true);
    await stop(first);
    expect(tray().destroyed).toBe(true);

    resetFakeElectron();
    const second = await start();
    expect(tray().image.path).toMatch(/tray-paused\.png$/);
    expect(second.status()?.paused).toBe(true);
    clickMenuItem(tray().menu, 'Resume automation');
    await vi.waitFor(() => expect(tray().image.path).toMatch(/tray-idle\.png$/));
    expect(second.status()?.paused).toBe(false);
  });

  it('started at login: stays in the tray until the person opens the window', async () => {
    await start({ argv: ['/usr/bin/reelpilot', '--hidden'] });
    expect(BrowserWindow.getAllWindows()).toHaveLength(0);
    clickMenuItem(tray().menu, 'Open ReelPilot');
    expect(window().loaded).toEqual(['app://reelpilot/index.html']);
    window().emit('ready-to-show');
    expect(window().isVisible()).toBe(true);
    expect(window().isFocused()).toBe(true);
  });

  it('notifies through the OS while the window is away, and a click opens the right screen', async () => {
    // Little free space at start-up: the engine warns, once.
    await start({
      argv: ['/usr/bin/reelpilot', '--hidden'],
      engine: { automation: { freeBytes: async () => 1024 ** 3 } },
    });
    expect(FakeNotification.shown.map((n) => n.options.title)).toEqual(['Disk nearly full']);
    FakeNotification.shown[0]?.emit('click');
    expect(window().loaded).toEqual(['app://reelpilot/index.html#screen=settings']);
    expect(tray().image.path).toMatch(/tray-attention\.png$/);
  });

  it('shows a problem inside the app while the window is focused, not as an OS notification', async () => {
    await start();
    window().emit('ready-to-show');
    expect(window().isFocused()).toBe(true);
    shell.openPathError = 'No application is registered to open folders.';
    clickMenuItem(tray().menu, 'Open logs folder');
    await vi.waitFor(() =>
      expect(window().webContents.sent).toContainEqual([
        PUSH_EVENT_CHANNEL,
        'app:notice',
        {
          level: 'error',
          title: 'The logs folder could not be opened',
          body: 'No application is registered to open folders.',
        },
      ]),
    );
    expect(FakeNotification.shown).toHaveLength(0);
  });

  it('asks before quitting while an upload runs, and keeps the machine awake meanwhile', async () => {
    const desktop = await start();
    insertRunningUpload(desktop);
    await desktop.engine.invoke('automation:updatePreferences', { keepAwake: true });
    await vi.waitFor(() => expect(desktop.status()?.uploads).toHaveLength(1));
    expect(desktop.keepAwake.active).toBe(true);
    expect([...powerSaveBlocker.active.values()]).toEqual(['prevent-app-suspension']);
    expect(tray().image.path).toMatch(/tray-working\.png$/);

    dialog.answers.push(1);
    expect(await desktop.confirmQuit()).toBe(false);
    expect(dialog.messageBoxes[0]).toMatchObject({
      message: '1 upload is running. Quit anyway?',
      buttons: ['Quit', 'Keep running'],
    });
    expect(dialog.messageBoxes[0]?.detail).toContain('continues from where it stopped');
    dialog.answers.push(0);
    expect(await desktop.confirmQuit()).toBe(true);

    // The setting off: the machine may sleep again.
    await desktop.engine.invoke('automation:updatePreferences', { keepAwake: false });
    await vi.waitFor(() => expect(desktop.keepAwake.active).toBe(false));
    expect(powerSaveBlocker.active.size).toBe(0);

    // The system is shutting down: no question.
    powerMonitor.emit('shutdown');
    expect(await desktop.confirmQuit()).toBe(true);
    expect(dialog.messageBoxes).toHaveLength(2);
  });

  it('quits without a question when nothing runs', async () => {
    const desktop = await start();
    expect(await desktop.confirmQuit()).toBe(true);
    expect(dialog.messageBoxes).toHaveLength(0);
  });

  it('start at login is written to the system and read back from it', async () => {
    const desktop = await start();
    const saved = await desktop.engine.invoke('settings:update', { startAtLogin: true });
    expect(saved).toMatchObject({ ok: true, value: { startAtLogin: true } });
    const entry = path.join(root, 'autostart', 'reelpilot.desktop');
    expect(existsSync(entry)).toBe(true);
    // Removed in the desktop's own settings: ReelPilot's setting shows it.
    rmSync(entry);
    expect(await desktop.engine.invoke('settings:get', {})).toMatchObject({
      ok: true,
      value: { startAtLogin: false },
    });
  });

  it('has the application menu: screens, logs folder and About with the versions', async () => {
    const desktop = await start();
    window().emit('ready-to-show');
    clickMenuItem(Menu.applicationMenu, 'Distribution');
    expect(window().webContents.sent).toContainEqual([
      PUSH_EVENT_CHANNEL,
      'app:navigate',
      { screen: 'distribution' },
    ]);
    clickMenuItem(Menu.applicationMenu, 'Open logs folder');
    expect(shell.openedPaths).toEqual([path.join(desktop.dataDir, 'logs')]);
    clickMenuItem(Menu.applicationMenu, 'About ReelPilot');
    await vi.waitFor(() => expect(dialog.messageBoxes).toHaveLength(1));
    const detail = dialog.messageBoxes[0]?.detail ?? '';
    expect(detail).toContain('Version 0.1.0');
    expect(detail).toContain(`Data folder: ${desktop.dataDir}`);
    expect(detail).toMatch(/Electron .+\nChromium .+\nNode \d+/);
    expect(detail).toMatch(/ffmpeg: .*\d/);
  });

  it('hands sleep and wake to the engine', async () => {
    await start();
    expect(powerMonitor.listenerCount('suspend')).toBeGreaterThan(0);
    expect(powerMonitor.listenerCount('resume')).toBeGreaterThan(0);
  });
});

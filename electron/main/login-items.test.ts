import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { App } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autostartEntry,
  createLoginItems,
  desktopExecArg,
  HIDDEN_ARG,
  linuxAutostartDir,
  startsHidden,
} from './login-items';
import { app, resetFakeElectron } from './testing/fake-electron';

let dir: string;
beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(path.join(os.tmpdir(), 'rp-autostart-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fakeApp = () => app as unknown as App;

describe('start at login', () => {
  it('macOS: a login item opened hidden, read back from the system', () => {
    const items = createLoginItems({ platform: 'darwin', app: fakeApp(), executable: '/x' });
    expect(items.isEnabled()).toBe(false);
    items.set(true);
    expect(app.loginItem).toEqual({ openAtLogin: true, openAsHidden: true });
    expect(items.isEnabled()).toBe(true);
    // The person removes it in System Settings: the app says so.
    app.loginItem = { openAtLogin: false };
    expect(items.isEnabled()).toBe(false);

    expect(
      startsHidden(['/Applications/ReelPilot.app/Contents/MacOS/ReelPilot'], 'darwin', fakeApp()),
    ).toBe(false);
    app.openedAtLogin = true;
    expect(
      startsHidden(['/Applications/ReelPilot.app/Contents/MacOS/ReelPilot'], 'darwin', fakeApp()),
    ).toBe(true);
  });

  it('Windows: the Run key starts the app with --hidden', () => {
    const items = createLoginItems({ platform: 'win32', app: fakeApp(), executable: 'C:\\x.exe' });
    items.set(true);
    expect(app.loginItem).toEqual({ openAtLogin: true, args: [HIDDEN_ARG] });
    expect(items.isEnabled()).toBe(true);
    // An entry without --hidden (made by something else) is not ours.
    app.loginItem = { openAtLogin: true, args: [] };
    expect(items.isEnabled()).toBe(false);
    items.set(false);
    expect(app.loginItem.openAtLogin).toBe(false);
    expect(startsHidden(['C:\\ReelPilot\\ReelPilot.exe', HIDDEN_ARG], 'win32', fakeApp())).toBe(
      true,
    );
    expect(startsHidden(['C:\\ReelPilot\\ReelPilot.exe'], 'win32', fakeApp())).toBe(false);
  });

  it('Linux: an XDG autostart entry with --hidden, quoting the path, read back from disk', () => {
    const executable = '/home/me/Apps/Reel Pilot-0.1.0.AppImage';
    const items = createLoginItems({
      platform: 'linux',
      app: fakeApp(),
      executable,
      autostartDir: dir,
    });
    expect(items.isEnabled()).toBe(false);
    items.set(true);
    const file = path.join(dir, 'reelpilot.desktop');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toContain('Exec="/home/me/Apps/Reel Pilot-0.1.0.AppImage" --hidden');
    expect(items.isEnabled()).toBe(true);
    // Switched off in the desktop's own settings.
    writeFileSync(file, `${text}Hidden=true\n`);
    expect(items.isEnabled()).toBe(false);
    items.set(false);
    expect(items.isEnabled()).toBe(false);
    items.set(false);
    expect(startsHidden(['/usr/bin/reelpilot', HIDDEN_ARG], 'linux', fakeApp())).toBe(true);
  });

  it('quotes Exec arguments as the desktop entry spec says', () => {
    expect(desktopExecArg('/usr/bin/reelpilot')).toBe('/usr/bin/reelpilot');
    expect(desktopExecArg('/opt/My "App"/$run`x`\\y')).toBe(
      '"/opt/My \\"App\\"/\\$run\\`x\\`\\\\y"',
    );
    expect(autostartEntry('/usr/bin/reelpilot')).toContain('Exec=/usr/bin/reelpilot --hidden');
    expect(linuxAutostartDir({ XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/autostart');
  });
});

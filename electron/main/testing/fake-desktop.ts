import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDesktopApp, type DesktopApp, type DesktopAppOptions } from '../desktop-app';
import { FakeBrowserWindow, resetFakeElectron } from './fake-electron';

export const resources = path.resolve(import.meta.dirname, '../../../resources');

/**
 * The desktop app on the fake `electron`, with a real engine on a temporary data folder: each
 * test calls `setUp()` first and `tearDown()` after; `start()` may be called more than once.
 */
export function fakeDesktop() {
  let root = '';
  let running: DesktopApp[] = [];
  return {
    get root(): string {
      return root;
    },
    setUp(): void {
      resetFakeElectron();
      root = mkdtempSync(path.join(os.tmpdir(), 'rp-desktop-'));
      mkdirSync(path.join(root, 'renderer'), { recursive: true });
      writeFileSync(
        path.join(root, 'renderer', 'index.html'),
        '<!doctype html><title>ReelPilot</title>',
      );
    },
    async tearDown(): Promise<void> {
      for (const desktop of running.splice(0)) await desktop.shutdown();
      rmSync(root, { recursive: true, force: true });
    },
    async start(overrides: Partial<DesktopAppOptions> = {}): Promise<DesktopApp> {
      const bounds = { width: 1200, height: 800 };
      const desktop = await startDesktopApp({
        platform: 'linux',
        argv: ['/usr/bin/reelpilot'],
        rendererDir: path.join(root, 'renderer'),
        preload: '/opt/ReelPilot/out/preload/index.cjs',
        resourcesDir: resources,
        dataDir: path.join(root, 'data'),
        state: { windowBounds: () => bounds, saveWindowBounds: () => {} },
        executable: '/usr/bin/reelpilot',
        autostartDir: path.join(root, 'autostart'),
        engine: { automation: { freeBytes: async () => Number.MAX_SAFE_INTEGER } },
        ...overrides,
      });
      running.push(desktop);
      return desktop;
    },
    async stop(desktop: DesktopApp): Promise<void> {
      await desktop.shutdown();
      running = running.filter((d) => d !== desktop);
    },
    /** The last window the app made. */
    window: () => FakeBrowserWindow.all.at(-1) as FakeBrowserWindow,
  };
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, protocol } from 'electron';
import { describeError } from '../core/errors';
import { APP_ID } from './app-identity';
import { appSchemePrivileges } from './app-protocol';
import { startDesktopApp, type DesktopApp } from './desktop-app';
import { mediaSchemePrivileges } from './media-protocol';
import { electronNativeBinding } from './native-binding';
import { devServerUrlFrom } from './renderer-source';
import { ShellState } from './shell-state';

const here = path.dirname(fileURLToPath(import.meta.url));

// Before the app is ready: `app://` for the built renderer (a real origin, not file://) and the
// media scheme, standard and streaming so that <video> can seek.
protocol.registerSchemesAsPrivileged([appSchemePrivileges, mediaSchemePrivileges]);

let desktop: DesktopApp | null = null;
let quitConfirmed = false;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Windows shows notifications only for an app with an AppUserModelID (the installer's appId).
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app.on('second-instance', () => desktop?.window.show());
  app
    .whenReady()
    .then(async () => {
      const resourcesDir = app.isPackaged
        ? process.resourcesPath
        : path.join(app.getAppPath(), 'resources');
      desktop = await startDesktopApp({
        platform: process.platform,
        argv: process.argv,
        devServerUrl: devServerUrlFrom(process.env, app.isPackaged),
        rendererDir: path.join(here, '../renderer'),
        preload: path.join(here, '../preload/index.cjs'),
        resourcesDir,
        dataDir: process.env.REELPILOT_DATA_DIR,
        nativeBinding: electronNativeBinding({
          packaged: app.isPackaged,
          appPath: app.getAppPath(),
          resourcesPath: process.resourcesPath,
        }),
        state: new ShellState(),
        executable: process.env.APPIMAGE ?? process.execPath,
      });
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('ReelPilot could not start', describeError(error));
      app.exit(1);
    });
  // Automation keeps running in the tray when the window is closed.
  app.on('window-all-closed', () => {});
  app.on('before-quit', (event) => {
    const running = desktop;
    if (!running || quitConfirmed) return;
    event.preventDefault();
    void running.confirmQuit().then(async (go) => {
      if (!go) return;
      quitConfirmed = true;
      // Quit even if closing failed: the data is safe (SQLite), and the app must not hang.
      await running.shutdown().catch(() => undefined);
      app.quit();
    });
  });
  app.on('activate', () => desktop?.window.show());
}

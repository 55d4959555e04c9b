import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import {
  defaultDataDir,
  ensureDirectories,
  makePaths,
  resolveDataDir,
} from '../core/app/data-location';
import { mediaExtensions } from '../../shared/domain/media';
import { createEngine, type Engine } from '../core/engine';
import { describeError } from '../core/errors';
import { createFileLogger } from '../core/logging/file-logger';
import type { EnginePorts, EventSink } from '../core/ports';
import { randomIds, systemClock } from '../core/runtime/node-ports';
import { EVENT_CHANNEL, isTrustedSender, registerIpcHandlers } from './ipc-registration';
import { handleMediaRequest, MEDIA_SCHEME, mediaSchemePrivileges } from './media-protocol';
import { electronNativeBinding } from './native-binding';
import { restartApp } from './app-restart';
import { createSafeStorageSecretStore } from './safe-storage-secret-store';
import { ShellState } from './shell-state';
import { closeBehaviour, trayMenuTemplate } from './tray';
import {
  applySessionSecurity,
  applyWindowSecurity,
  isAppUrl,
  mainWindowOptions,
} from './window-security';

const here = path.dirname(fileURLToPath(import.meta.url));
const appUrl =
  process.env.ELECTRON_RENDERER_URL ?? `file://${path.join(here, '../renderer/index.html')}`;
let mainWindow: BrowserWindow | null = null;
let engine: Engine | null = null;
let tray: Tray | null = null;
let quitting = false;

function openExternal(url: string): void {
  void shell.openExternal(url);
}

function createWindow(state: ShellState): BrowserWindow {
  const window = new BrowserWindow(
    mainWindowOptions(path.join(here, '../preload/index.cjs'), state.windowBounds()),
  );
  applyWindowSecurity(window.webContents, { appUrl, openExternal });
  window.once('ready-to-show', () => window.show());
  window.on('close', () => state.saveWindowBounds(window.getBounds()));
  window.on(
    'close',
    closeBehaviour({
      quitting: () => quitting,
      hide: () => window.hide(),
      notifyOnce: () => {
        if (Notification.isSupported()) {
          new Notification({
            title: 'ReelPilot is still running',
            body: 'Schedules and uploads go on. Open or quit ReelPilot from the tray.',
          }).show();
        }
      },
    }),
  );
  void window.loadURL(appUrl);
  return window;
}

async function start(): Promise<void> {
  const state = new ShellState();
  const fallback = app.getPath('userData');
  const { dataDir, pinned } = resolveDataDir(
    fallback || defaultDataDir(),
    process.env.REELPILOT_DATA_DIR,
  );
  const paths = makePaths(
    dataDir,
    app.isPackaged ? process.resourcesPath : path.join(app.getAppPath(), 'resources'),
  );
  ensureDirectories(paths);
  const logger = createFileLogger({ dir: paths.logsDir, echo: !app.isPackaged });
  const events: EventSink = {
    emit(event, payload) {
      for (const window of BrowserWindow.getAllWindows())
        window.webContents.send(EVENT_CHANNEL, event, payload);
    },
  };
  const ports: EnginePorts = {
    clock: systemClock,
    ids: randomIds,
    logger,
    paths,
    secrets: createSafeStorageSecretStore(safeStorage, path.join(dataDir, 'secrets.json')),
    notifier: {
      notify(notice) {
        if (Notification.isSupported())
          new Notification({ title: notice.title, body: notice.body }).show();
        events.emit('app:notice', notice);
      },
    },
    power: {
      onSuspend(listener) {
        powerMonitor.on('suspend', listener);
        return () => powerMonitor.off('suspend', listener);
      },
      onResume(listener) {
        powerMonitor.on('resume', listener);
        return () => powerMonitor.off('resume', listener);
      },
    },
    http: globalThis.fetch,
    events,
    desktop: {
      setStartAtLogin: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled }),
      openExternal: (url) => shell.openExternal(url),
      async chooseMediaPaths(mode) {
        const options: Electron.OpenDialogOptions = {
          title: mode === 'folder' ? 'Add a folder of media' : 'Add media files',
          properties: mode === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
          ...(mode === 'files'
            ? {
                filters: [
                  {
                    name: 'Pictures, videos and sound',
                    extensions: Object.values(mediaExtensions)
                      .flat()
                      .map((ext) => ext.slice(1)),
                  },
                ],
              }
            : {}),
        };
        const result = mainWindow
          ? await dialog.showOpenDialog(mainWindow, options)
          : await dialog.showOpenDialog(options);
        return result.canceled ? [] : result.filePaths;
      },
    },
  };
  engine = await createEngine(ports, {
    appVersion: app.getVersion(),
    mode: 'desktop',
    dataDirPinned: pinned,
    defaultDataDir: fallback,
    nativeBinding: electronNativeBinding({
      packaged: app.isPackaged,
      appPath: app.getAppPath(),
      resourcesPath: process.resourcesPath,
    }),
    // A restore was staged: the new instance puts it in place before opening the database.
    requestRestart: () =>
      void restartApp(
        async () => {
          const closing = engine;
          engine = null;
          tray?.destroy();
          await closing?.close();
        },
        (message, error) => logger.error(message, { error: describeError(error) }),
      ),
  });
  const running = engine;
  registerIpcHandlers(
    ipcMain,
    (channel, payload, context) => running.invoke(channel, payload, context),
    (event) => isTrustedSender(event.senderFrame, appUrl, isAppUrl),
  );
  protocol.handle(MEDIA_SCHEME, (request) =>
    handleMediaRequest(request, running.services.media.files),
  );
  applySessionSecurity(session.defaultSession);
  mainWindow = createWindow(state);
  const showWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createWindow(state);
    mainWindow.show();
    mainWindow.focus();
  };
  tray = new Tray(
    nativeImage.createFromPath(path.join(paths.resourcesDir, 'tray', 'tray-icon.png')),
  );
  tray.setToolTip('ReelPilot');
  tray.setContextMenu(
    Menu.buildFromTemplate(trayMenuTemplate({ open: showWindow, quit: () => app.quit() })),
  );
  tray.on('click', showWindow);
}

// Must happen before the app is ready: a standard, streaming scheme lets <video> seek.
protocol.registerSchemesAsPrivileged([mediaSchemePrivileges]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('ReelPilot could not start', describeError(error));
      app.exit(1);
    });
  // Automation keeps running in the tray when the window is closed.
  app.on('window-all-closed', () => {});
  app.on('before-quit', (event) => {
    quitting = true;
    if (!engine) return;
    event.preventDefault();
    const closing = engine;
    engine = null;
    tray?.destroy();
    void closing.close().finally(() => app.quit());
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && engine)
      mainWindow = createWindow(new ShellState());
  });
}

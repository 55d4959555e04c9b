import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  powerMonitor,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { PUSH_EVENT_CHANNEL, type EventName } from '../../shared/contract';
import type { AutomationStatus } from '../../shared/domain/automation';
import type { FfmpegCheck } from '../../shared/domain/settings';
import { rendererCsp } from '../../shared/security/content-security-policy';
import {
  defaultDataDir,
  ensureDirectories,
  keepNewFilesPrivate,
  makePaths,
  resolveDataDir,
} from '../core/app/data-location';
import { createEngine, type Engine, type EngineOptions } from '../core/engine';
import { describeError } from '../core/errors';
import { createFileLogger } from '../core/logging/file-logger';
import type { EnginePorts, EventSink } from '../core/ports';
import { randomIds, systemClock } from '../core/runtime/node-ports';
import { installProcessGuards } from '../core/runtime/process-guards';
import { aboutDetail, applicationMenuTemplate } from './app-menu';
import { APP_SCHEME, APP_URL, handleAppRequest } from './app-protocol';
import { chooseMediaPaths } from './media-dialog';
import { isTrustedSender, registerIpcHandlers } from './ipc-registration';
import { KeepAwake } from './keep-awake';
import { createLoginItems, startsHidden } from './login-items';
import { MainWindow, type ShellStateStore } from './main-window';
import { handleMediaRequest, MEDIA_SCHEME } from './media-protocol';
import { createDesktopNotifier } from './notification-router';
import { restartApp } from './app-restart';
import { quitQuestion } from './quit-guard';
import { createSafeStorageSecretStore } from './safe-storage-secret-store';
import { TrayController } from './tray';
import { devServerUrlFrom } from './renderer-source';
import { applySessionSecurity, applyWindowSecurity, isAppUrl, openWebUrl } from './window-security';

export interface DesktopAppOptions {
  platform: NodeJS.Platform;
  argv: readonly string[];
  /**
   * The Vite dev server (`npm start`); the built files over `app://` otherwise. A packaged app
   * ignores it, and only a loopback address is taken (`renderer-source.ts`).
   */
  devServerUrl?: string | undefined;
  rendererDir: string;
  preload: string;
  /** Fonts, tray icons, a bundled ffmpeg: `resources/` in development, the package's otherwise. */
  resourcesDir: string;
  /** `REELPILOT_DATA_DIR`: a pinned data folder. */
  dataDir?: string | undefined;
  nativeBinding?: string | undefined;
  state: ShellStateStore;
  /** The program a login item starts (the AppImage file on Linux AppImages). */
  executable: string;
  /** Linux: where the autostart entry goes (default `~/.config/autostart`). */
  autostartDir?: string;
  /** Tests: engine options on top of the desktop's. */
  engine?: Partial<EngineOptions>;
}

export interface DesktopApp {
  engine: Engine;
  window: MainWindow;
  tray: TrayController;
  keepAwake: KeepAwake;
  dataDir: string;
  status(): AutomationStatus | null;
  /** Asks first when work runs; true when the person (or the system) lets the app quit. */
  confirmQuit(): Promise<boolean>;
  /** The last step of quitting: the tray goes, the engine stops and closes the database. */
  shutdown(): Promise<void>;
}

async function invokeOk<T>(engine: Engine, channel: string, input: unknown = {}): Promise<T> {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

/**
 * The desktop app: the engine with Electron's adapters plugged into its ports, the window over
 * `app://`, the tray that shows what the engine does, the menus, notifications, start at login,
 * sleep and keep-awake. Everything the engine decides stays in the engine.
 */
export async function startDesktopApp(options: DesktopAppOptions): Promise<DesktopApp> {
  const { platform } = options;
  keepNewFilesPrivate();
  const fallback = app.getPath('userData') || defaultDataDir();
  const { dataDir, pinned } = resolveDataDir(fallback, options.dataDir);
  const paths = makePaths(dataDir, options.resourcesDir);
  ensureDirectories(paths);
  const logger = createFileLogger({
    dir: paths.logsDir,
    echo: !app.isPackaged && options.devServerUrl !== undefined,
  });
  const removeGuards = installProcessGuards({
    logger,
    onFatal: (error) => {
      dialog.showErrorBox(
        'ReelPilot stopped after an unexpected error',
        `${error.message}\n\nYour data is safe. The log (Help → Open logs folder) has the details; start ReelPilot again to go on.`,
      );
      app.exit(1);
    },
  });
  const devServerUrl = app.isPackaged
    ? undefined
    : devServerUrlFrom({ ELECTRON_RENDERER_URL: options.devServerUrl }, false);
  if (options.devServerUrl && !devServerUrl) {
    logger.warn('dev server address ignored: the app is packaged, or it is not a loopback address');
  }
  const appUrl = devServerUrl ?? APP_URL;
  const openExternal = (url: string) => openWebUrl(shell, url);
  // Every web contents, the window's and any other: no webviews, no pop-ups, no navigation
  // away from the app (checklist items 11 to 14).
  app.on('web-contents-created', (_event, contents) =>
    applyWindowSecurity(contents, {
      appUrl,
      openExternal: (url) =>
        void openExternal(url).catch((error: unknown) =>
          logger.warn('a link could not be opened in the browser', { error: describeError(error) }),
        ),
    }),
  );

  let quitting = false;
  let systemShuttingDown = false;
  let status: AutomationStatus | null = null;
  let tray: TrayController | null = null;
  const keepAwake = new KeepAwake(powerSaveBlocker);
  const onStatus = (next: AutomationStatus) => {
    status = next;
    tray?.update(next);
    keepAwake.follow(next.keepAwake && !quitting);
  };
  const events: EventSink = {
    emit(event: EventName, payload: unknown) {
      for (const window of BrowserWindow.getAllWindows())
        window.webContents.send(PUSH_EVENT_CHANNEL, event, payload);
      if (event === 'automation:status') onStatus(payload as AutomationStatus);
    },
  };
  const window = new MainWindow({
    preload: options.preload,
    appUrl,
    state: options.state,
    quitting: () => quitting,
    stillRunningNotice: () =>
      notifier.notify({
        level: 'info',
        title: 'ReelPilot is still running',
        body: 'Schedules and uploads go on. Open, pause or quit ReelPilot from the tray.',
      }),
    navigateLoaded: (target, to) => target.webContents.send(PUSH_EVENT_CHANNEL, 'app:navigate', to),
  });
  const notifier = createDesktopNotifier({
    windowFocused: () => window.isFocused(),
    inApp: (notification) => events.emit('app:notice', notification),
    open: (target) => window.show(target),
  });
  const loginItems = createLoginItems({
    platform,
    app,
    executable: options.executable,
    autostartDir: options.autostartDir,
  });

  const ports: EnginePorts = {
    clock: systemClock,
    ids: randomIds,
    logger,
    paths,
    secrets: createSafeStorageSecretStore(safeStorage, path.join(dataDir, 'secrets.json')),
    notifier,
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
      setStartAtLogin: (enabled) => loginItems.set(enabled),
      isStartAtLoginEnabled: () => loginItems.isEnabled(),
      openExternal,
      chooseMediaPaths: (mode) => chooseMediaPaths(dialog, window.current, mode),
    },
  };
  let engine: Engine;
  try {
    engine = await createEngine(ports, {
      appVersion: app.getVersion(),
      mode: 'desktop',
      dataDirPinned: pinned,
      defaultDataDir: fallback,
      nativeBinding: options.nativeBinding,
      // A restore was staged: the new instance puts it in place before opening the database.
      requestRestart: () =>
        void restartApp(
          async () => {
            quitting = true;
            tray?.destroy();
            await engine.close();
          },
          (message, error) => logger.error(message, { error: describeError(error) }),
        ),
      ...options.engine,
    });
  } catch (error) {
    removeGuards();
    logger.close();
    throw error;
  }

  registerIpcHandlers(
    ipcMain,
    (channel, payload, context) => engine.invoke(channel, payload, context),
    (event) => isTrustedSender(event.senderFrame, appUrl, isAppUrl),
  );
  protocol.handle(APP_SCHEME, (request) => handleAppRequest(request, options.rendererDir));
  protocol.handle(MEDIA_SCHEME, (request) =>
    handleMediaRequest(request, engine.services.media.files),
  );
  applySessionSecurity(session.defaultSession, rendererCsp(devServerUrl ? 'dev' : 'desktop'));

  const report = (title: string) => (error: unknown) =>
    notifier.notify({ level: 'error', title, body: describeError(error) });
  const openLogs = () =>
    void shell.openPath(paths.logsDir).then((problem) => {
      if (problem) report('The logs folder could not be opened')(new Error(problem));
    });
  const about = async () => {
    const ffmpeg = await invokeOk<FfmpegCheck>(engine, 'settings:checkFfmpeg', {}).catch(
      (error: unknown) => ({ found: false, version: null, message: describeError(error) }),
    );
    await dialog.showMessageBox({
      type: 'info',
      title: 'About ReelPilot',
      message: 'ReelPilot',
      detail: aboutDetail({
        version: app.getVersion(),
        dataDir,
        versions: process.versions,
        ffmpeg: ffmpeg.found && ffmpeg.version ? ffmpeg.version : ffmpeg.message,
      }),
      buttons: ['OK'],
    });
  };

  tray = new TrayController({
    iconsDir: path.join(options.resourcesDir, 'tray'),
    platform,
    actions: {
      open: () => window.show(),
      navigate: (target) => window.show(target),
      pause: () => void engine.invoke('automation:pause', {}).catch(report('Pause failed')),
      resume: () => void engine.invoke('automation:resume', {}).catch(report('Resume failed')),
      runNow: (id) =>
        void invokeOk(engine, 'configs:executeNow', { id }).catch(
          report('The run could not be started'),
        ),
      openLogs,
      quit: () => app.quit(),
    },
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenuTemplate({
        platform,
        development: devServerUrl !== undefined,
        actions: {
          navigate: (screen) => window.show({ screen }),
          openLogs,
          about: () => void about().catch(report('About could not be shown')),
        },
      }),
    ),
  );
  onStatus(await invokeOk<AutomationStatus>(engine, 'automation:status'));
  // The machine is shutting down or logging out: quit without a question nobody can answer.
  powerMonitor.on('shutdown', () => {
    systemShuttingDown = true;
  });
  if (!startsHidden(options.argv, platform, app)) window.show();
  logger.info('desktop shell started', { hidden: startsHidden(options.argv, platform, app) });

  let asking: Promise<boolean> | null = null;
  let closing: Promise<void> | null = null;
  return {
    engine,
    window,
    tray,
    keepAwake,
    dataDir,
    status: () => status,
    confirmQuit() {
      if (quitting || systemShuttingDown) return Promise.resolve(true);
      asking ??= (async () => {
        try {
          const now = await invokeOk<AutomationStatus>(engine, 'automation:status');
          const question = quitQuestion(now);
          if (!question) return true;
          const parent = window.current;
          const { response } = parent?.isVisible()
            ? await dialog.showMessageBox(parent, question)
            : await dialog.showMessageBox(question);
          return response === 0;
        } finally {
          asking = null;
        }
      })();
      return asking;
    },
    shutdown() {
      closing ??= (async () => {
        quitting = true;
        keepAwake.follow(false);
        tray?.destroy();
        await engine.close();
        logger.info('desktop shell stopped');
        removeGuards();
        logger.close();
      })();
      return closing;
    },
  };
}

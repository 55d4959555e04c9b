/**
 * The fake `app`, kept apart from the windows because a new window announces itself through the
 * current `app` and `resetFakeElectron()` swaps that `app` for a fresh one between tests.
 */
import { EventEmitter } from 'node:events';

export interface FakeLoginItem {
  openAtLogin: boolean;
  openAsHidden?: boolean;
  args?: string[];
}

/** `app`: paths, version, login items (as macOS and Windows keep them), quitting. */
export class FakeApp extends EventEmitter {
  name = 'ReelPilot';
  isPackaged = false;
  version = '0.1.0';
  appPath = '/opt/ReelPilot/resources/app.asar';
  paths: Record<string, string> = { userData: '/home/me/.config/ReelPilot' };
  loginItem: FakeLoginItem = { openAtLogin: false };
  /** What macOS reports about how the app was opened. */
  openedAtLogin = false;
  appUserModelId: string | null = null;
  quitRequests = 0;
  relaunchRequests = 0;
  exitCode: number | null = null;

  getPath(name: string): string {
    return this.paths[name] ?? `/tmp/fake-electron/${name}`;
  }
  getVersion(): string {
    return this.version;
  }
  getAppPath(): string {
    return this.appPath;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  setLoginItemSettings(settings: FakeLoginItem): void {
    this.loginItem = { ...settings };
  }
  /** Windows answers for the executable and the arguments asked about; macOS ignores them. */
  getLoginItemSettings(options?: { args?: string[] }) {
    const argsMatch =
      options?.args === undefined ||
      JSON.stringify(options.args) === JSON.stringify(this.loginItem.args ?? []);
    return {
      openAtLogin: this.loginItem.openAtLogin && argsMatch,
      openAsHidden: this.loginItem.openAsHidden ?? false,
      wasOpenedAtLogin: this.openedAtLogin,
      wasOpenedAsHidden: this.openedAtLogin && (this.loginItem.openAsHidden ?? false),
      restoreState: false,
      status: 'not-registered',
      executableWillLaunchAtLogin: this.loginItem.openAtLogin,
      launchItems: [],
    };
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  /** Like Electron: `before-quit` may be prevented; otherwise the app goes. */
  quit(): void {
    this.quitRequests += 1;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('will-quit');
  }
  relaunch(): void {
    this.relaunchRequests += 1;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
}

export let app = new FakeApp();

/** Drops the previous test's listeners and starts from a fresh `app`. */
export function resetFakeApp(): void {
  app.removeAllListeners();
  app = new FakeApp();
}

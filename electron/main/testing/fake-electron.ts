/**
 * A stand-in for the `electron` module in the shell's tests (no Electron binary can be had in
 * this workplace). It records what the shell asks of Electron so the tests can check it, and
 * lets them play the operating system's part: click a tray item, focus a window, answer a
 * dialog, put the machine to sleep. `resetFakeElectron()` starts every test from scratch.
 */
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  readonly sent: Array<[string, ...unknown[]]> = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  /** Fires a cancellable event the way Electron does and reports whether it was prevented. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeSession {
  permissionHandler:
    ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null =
    null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  headersListener:
    | ((
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void)
    | null = null;
  setPermissionRequestHandler(handler: NonNullable<FakeSession['permissionHandler']>): void {
    this.permissionHandler = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['permissionCheckHandler']>): void {
    this.permissionCheckHandler = handler;
  }
  webRequest = {
    onHeadersReceived: (listener: NonNullable<FakeSession['headersListener']>) => {
      this.headersListener = listener;
    },
  };
}

export const fakeSafeStorage = {
  backend: 'gnome_libsecret',
  available: true,
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(value: string): Buffer {
    return Buffer.from('enc:' + Buffer.from(value, 'utf8').toString('hex'));
  },
  decryptString(buffer: Buffer): string {
    const text = buffer.toString();
    if (!text.startsWith('enc:'))
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    return Buffer.from(text.slice(4), 'hex').toString('utf8');
  },
};

export class FakeIpcRenderer extends EventEmitter {
  readonly invoked: Array<[string, unknown]> = [];
  async invoke(channel: string, input: unknown): Promise<unknown> {
    this.invoked.push([channel, input]);
    return { ok: true, value: { echoed: channel } };
  }
}

export const exposed: Record<string, unknown> = {};
export const contextBridge = {
  exposeInMainWorld(key: string, value: unknown): void {
    exposed[key] = value;
  },
};
export const ipcRenderer = new FakeIpcRenderer();
export const webUtils = {
  getPathForFile: (file: { path?: string }) => file.path ?? '',
};

// ---- The main process ----

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

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((window) => !window.destroyed);
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.getAllWindows().find((window) => window.focused) ?? null;
  }

  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  bounds = { x: 10, y: 20, width: 1280, height: 820 };

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
    // As Electron does for every web contents it creates.
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    for (const window of FakeBrowserWindow.all) window.focused = false;
    this.focused = true;
    this.emit('focus');
  }
  blur(): void {
    this.focused = false;
    this.emit('blur');
  }
  restore(): void {
    this.minimized = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getBounds() {
    return this.bounds;
  }
  /** The person clicks the window's close button. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }
  destroy(): void {
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
}

export class FakeNativeImage {
  template = false;
  constructor(readonly path: string) {}
  setTemplateImage(template: boolean): void {
    this.template = template;
  }
  isEmpty(): boolean {
    return false;
  }
}
export const nativeImage = {
  createFromPath: (file: string) => new FakeNativeImage(file),
};

export class FakeMenu {
  constructor(readonly items: MenuItemConstructorOptions[]) {}
}
export const Menu = {
  applicationMenu: null as FakeMenu | null,
  buildFromTemplate: (template: MenuItemConstructorOptions[]) => new FakeMenu(template),
  setApplicationMenu(menu: FakeMenu | null): void {
    Menu.applicationMenu = menu;
  },
};

/** Every item of a menu, submenus included, flattened. */
export function menuItems(menu: { items: MenuItemConstructorOptions[] } | null) {
  const all: MenuItemConstructorOptions[] = [];
  const walk = (items: MenuItemConstructorOptions[]) => {
    for (const item of items) {
      all.push(item);
      if (Array.isArray(item.submenu)) walk(item.submenu);
    }
  };
  walk(menu?.items ?? []);
  return all;
}

/** Clicks the item whose label matches, as the person would. */
export function clickMenuItem(
  menu: { items: MenuItemConstructorOptions[] } | null,
  label: string | RegExp,
) {
  const item = menuItems(menu).find((candidate) =>
    typeof label === 'string' ? candidate.label === label : label.test(candidate.label ?? ''),
  );
  if (!item?.click) throw new Error(`No clickable menu item ${String(label)}`);
  if (item.enabled === false) throw new Error(`Menu item ${String(label)} is disabled`);
  (item.click as () => void)();
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  tooltip = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(public image: FakeNativeImage) {
    super();
    FakeTray.instances.push(this);
  }
  setImage(image: FakeNativeImage): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeNotification extends EventEmitter {
  static supported = true;
  static shown: FakeNotification[] = [];
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  constructor(readonly options: { title: string; body: string; silent?: boolean }) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.emit('close');
  }
}

export const powerMonitor = new EventEmitter();

export const powerSaveBlocker = {
  nextId: 1,
  active: new Map<number, string>(),
  start(type: string): number {
    const id = powerSaveBlocker.nextId++;
    powerSaveBlocker.active.set(id, type);
    return id;
  },
  stop(id: number): void {
    powerSaveBlocker.active.delete(id);
  },
  isStarted(id: number): boolean {
    return powerSaveBlocker.active.has(id);
  },
};

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(
    schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>,
  ): void {
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    protocol.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    protocol.handlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return protocol.handlers.has(scheme);
  },
};

export interface MessageBoxCall {
  type?: string;
  title?: string;
  message: string;
  detail?: string;
  buttons?: string[];
}
export const dialog = {
  messageBoxes: [] as MessageBoxCall[],
  /** Button indexes the "person" will click, in order; 0 when none is queued. */
  answers: [] as number[],
  errorBoxes: [] as Array<[string, string]>,
  async showMessageBox(first: unknown, second?: unknown): Promise<{ response: number }> {
    const options = (second ?? first) as MessageBoxCall;
    dialog.messageBoxes.push(options);
    return { response: dialog.answers.shift() ?? 0 };
  },
  async showOpenDialog(): Promise<{ canceled: boolean; filePaths: string[] }> {
    return { canceled: true, filePaths: [] };
  },
  showErrorBox(title: string, content: string): void {
    dialog.errorBoxes.push([title, content]);
  },
};

export const shell = {
  openedExternal: [] as string[],
  openedPaths: [] as string[],
  /** What `openPath` answers: '' for success, else the system's error. */
  openPathError: '',
  async openExternal(url: string): Promise<void> {
    shell.openedExternal.push(url);
  },
  async openPath(path: string): Promise<string> {
    shell.openedPaths.push(path);
    return shell.openPathError;
  },
};

export let app = new FakeApp();
export const ipcMain = new FakeIpcMain();
export const safeStorage = fakeSafeStorage;
export const session = { defaultSession: new FakeSession() };
export const BrowserWindow = FakeBrowserWindow;
export const Tray = FakeTray;
export const Notification = FakeNotification;

/** Forgets everything the previous test did. */
export function resetFakeElectron(): void {
  app.removeAllListeners();
  app = new FakeApp();
  for (const channel of [...ipcMain.handlers.keys()]) ipcMain.removeHandler(channel);
  session.defaultSession = new FakeSession();
  FakeBrowserWindow.all = [];
  FakeTray.instances = [];
  FakeNotification.shown = [];
  FakeNotification.supported = true;
  Menu.applicationMenu = null;
  powerMonitor.removeAllListeners();
  powerSaveBlocker.active.clear();
  protocol.privileged = [];
  protocol.handlers.clear();
  dialog.messageBoxes = [];
  dialog.answers = [];
  dialog.errorBoxes = [];
  shell.openedExternal = [];
  shell.openedPaths = [];
  shell.openPathError = '';
}

export default {
  get app() {
    return app;
  },
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
  webUtils,
};

/**
 * A stand-in for the `electron` module in the shell's tests (no Electron binary can be had in
 * this workplace). It records what the shell asks of Electron so the tests can check it, and
 * lets them play the operating system's part: click a tray item, focus a window, answer a
 * dialog, put the machine to sleep. `resetFakeElectron()` starts every test from scratch.
 */
import { EventEmitter } from 'node:events';
import { FakeApp, app, resetFakeApp, type FakeLoginItem } from './fake-app';
import { FakeBrowserWindow, FakeSession, FakeWebContents } from './fake-windows';
import {
  FakeMenu,
  FakeNativeImage,
  FakeNotification,
  FakeTray,
  Menu,
  clickMenuItem,
  menuItems,
  nativeImage,
} from './fake-tray-menu-notification';

// The parts live in their own files; this module is what the `electron` alias points at.
export {
  FakeApp,
  FakeBrowserWindow,
  FakeMenu,
  FakeNativeImage,
  FakeNotification,
  FakeSession,
  FakeTray,
  FakeWebContents,
  Menu,
  app,
  clickMenuItem,
  menuItems,
  nativeImage,
  type FakeLoginItem,
};

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

export const ipcMain = new FakeIpcMain();
export const safeStorage = fakeSafeStorage;
export const session = { defaultSession: new FakeSession() };
export const BrowserWindow = FakeBrowserWindow;
export const Tray = FakeTray;
export const Notification = FakeNotification;

/** Forgets everything the previous test did. */
export function resetFakeElectron(): void {
  resetFakeApp();
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

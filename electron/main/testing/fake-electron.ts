/**
 * A stand-in for the `electron` module in the shell's tests (no Electron binary can be had in
 * this workplace). It records what the shell asks of Electron so the tests can check it.
 */
import { EventEmitter } from 'node:events';

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
  headersListener:
    | ((
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void)
    | null = null;
  setPermissionRequestHandler(handler: NonNullable<FakeSession['permissionHandler']>): void {
    this.permissionHandler = handler;
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
export const ipcMain = new FakeIpcMain();
export const safeStorage = fakeSafeStorage;
export const session = { defaultSession: new FakeSession() };
/** Records what the shell asks of the app (relaunch, exit) in `calls`. */
export const app = Object.assign(new EventEmitter(), {
  calls: [] as string[],
  relaunch(): void {
    app.calls.push('relaunch');
  },
  exit(code = 0): void {
    app.calls.push(`exit ${code}`);
  },
});
export const shell = { openExternal: async (_url: string) => {} };

export default { ipcMain, ipcRenderer, contextBridge, webUtils, safeStorage, session, app, shell };

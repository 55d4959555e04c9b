import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Api } from '../../shared/contract';
import { rendererCsp } from '../../shared/security/content-security-policy';
import { APP_URL, appSchemePrivileges } from './app-protocol';
import { devServerUrlFrom } from './renderer-source';
import { fakeDesktop } from './testing/fake-desktop';
import {
  app,
  exposed,
  FakeWebContents,
  ipcMain,
  ipcRenderer,
  protocol,
  session,
  shell,
} from './testing/fake-electron';
import { openWebUrl } from './window-security';

/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), one
 * test per item, against the desktop app started on the fake `electron` module with a real
 * engine. docs/security.md says where each item is enforced.
 */
const projectRoot = path.resolve(import.meta.dirname, '../..');
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
/** The oldest Electron major still supported upstream (the three newest stable majors are). */
const OLDEST_SUPPORTED_ELECTRON_MAJOR = 39;

const harness = fakeDesktop();
beforeEach(() => harness.setUp());
afterEach(() => harness.tearDown());

const webPreferences = () =>
  (harness.window().options as { webPreferences: Record<string, unknown> }).webPreferences;

/** An IPC call as it would come from a frame at `url`. */
function ipcFrom(url: string, parent: object | null = null) {
  const event = { senderFrame: { url, parent } } as unknown as IpcMainInvokeEvent;
  return ipcMain.handlers.get('settings:get')?.(event, {}) as Promise<{ ok: boolean }>;
}

/** A web contents made after the start (a devtools page, anything): locked down the same. */
function anotherWebContents(): FakeWebContents {
  const contents = new FakeWebContents();
  app.emit('web-contents-created', {}, contents as unknown as WebContents);
  return contents;
}

async function shownApp() {
  const desktop = await harness.start();
  desktop.window.show();
  return desktop;
}

describe('Electron security checklist', () => {
  it('1. only loads secure content: the built files over the secure app:// scheme, nothing remote', async () => {
    await shownApp();
    expect(harness.window().loaded).toEqual([APP_URL]);
    expect(appSchemePrivileges.privileges).toMatchObject({ standard: true, secure: true });
    for (const directive of rendererCsp('desktop').split('; ')) {
      expect(directive, directive).not.toMatch(/\bhttps?:|\bws:|\*/);
    }
  });

  it('2. no Node.js integration in the renderer, its workers or frames', async () => {
    await shownApp();
    expect(webPreferences()).toMatchObject({
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
    });
    expect(webPreferences().nodeIntegrationInSubFrames).toBeUndefined();
  });

  it('3. context isolation is on', async () => {
    await shownApp();
    expect(webPreferences().contextIsolation).toBe(true);
  });

  it('4. the renderer runs in the process sandbox', async () => {
    await shownApp();
    expect(webPreferences().sandbox).toBe(true);
  });

  it('5. permission requests and permission checks are denied in the session', async () => {
    await harness.start();
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      session.defaultSession.permissionHandler?.(null, permission, (ok) => granted.push(ok));
    }
    expect(granted).toEqual([false, false, false, false]);
    expect(session.defaultSession.permissionCheckHandler?.(null, 'media', APP_URL, {})).toBe(false);
  });

  it('6. webSecurity is not disabled', async () => {
    await shownApp();
    expect(webPreferences().webSecurity).toBe(true);
  });

  it('7. a restrictive Content-Security-Policy on every page, as a header', async () => {
    await harness.start();
    const page = await protocol.handlers.get('app')?.(new Request(APP_URL));
    const csp = page?.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    // Pages served over http (the dev server) get it from the session.
    let headers: Record<string, string[]> = {};
    session.defaultSession.headersListener?.({ responseHeaders: {} }, (answer) => {
      headers = answer.responseHeaders;
    });
    expect(headers['Content-Security-Policy']).toEqual([rendererCsp('desktop')]);
  });

  it('8. allowRunningInsecureContent is not enabled', async () => {
    await shownApp();
    expect(webPreferences().allowRunningInsecureContent).toBe(false);
  });

  it('9. experimental features are not enabled', async () => {
    await shownApp();
    expect(webPreferences().experimentalFeatures).toBe(false);
  });

  it('10. enableBlinkFeatures is not used', async () => {
    await shownApp();
    expect(webPreferences()).not.toHaveProperty('enableBlinkFeatures');
  });

  it('11. <webview>: no allowpopups, because no webview can exist', async () => {
    await shownApp();
    expect(webPreferences().webviewTag).toBe(false);
    const event = { preventDefault: () => (prevented = true) };
    let prevented = false;
    harness.window().webContents.emit('will-attach-webview', event, { allowpopups: 'on' }, {});
    expect(prevented).toBe(true);
  });

  it('12. <webview>: options are checked before creation (every attach is refused, in any web contents)', async () => {
    await harness.start();
    const other = anotherWebContents();
    expect(other.fire('will-attach-webview', { nodeIntegration: true }, { src: 'https://x' })).toBe(
      true,
    );
  });

  it('13. navigation away from the app is refused; web links go to the browser', async () => {
    await shownApp();
    for (const contents of [harness.window().webContents, anotherWebContents()]) {
      expect(contents.fire('will-navigate', 'app://reelpilot/index.html#screen=settings')).toBe(
        false,
      );
      expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
      expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    }
    expect(shell.openedExternal).toEqual(['https://evil.example/', 'https://evil.example/']);
  });

  it('14. no new windows: window.open is denied, web links open in the browser', async () => {
    await shownApp();
    const open = harness.window().webContents.windowOpenHandler;
    expect(open?.({ url: 'https://help.example/page' })).toEqual({ action: 'deny' });
    expect(open?.({ url: APP_URL })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(shell.openedExternal).toEqual(['https://help.example/page']);
  });

  it('15. shell.openExternal only for web pages', async () => {
    await harness.start();
    await expect(openWebUrl(shell, 'file:///etc/passwd')).rejects.toThrow(/Only web pages/);
    await expect(openWebUrl(shell, 'smb://server/share')).rejects.toThrow(/Only web pages/);
    await expect(openWebUrl(shell, 'ms-settings:privacy')).rejects.toThrow(/Only web pages/);
    await openWebUrl(shell, 'https://www.tiktok.com/v2/auth/authorize/');
    expect(shell.openedExternal).toEqual(['https://www.tiktok.com/v2/auth/authorize/']);
  });

  it('16. a current, exactly pinned version of Electron', () => {
    const pinned = (
      JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies.electron;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const installed = (
      JSON.parse(
        readFileSync(path.join(projectRoot, 'node_modules/electron/package.json'), 'utf8'),
      ) as { version: string }
    ).version;
    expect(installed).toBe(pinned);
    expect(Number(pinned?.split('.')[0])).toBeGreaterThanOrEqual(OLDEST_SUPPORTED_ELECTRON_MAJOR);
  });

  it('17. the sender of every IPC message is checked: only the app’s own top frame', async () => {
    await harness.start();
    expect(await ipcFrom(APP_URL)).toMatchObject({ ok: true });
    expect(await ipcFrom(APP_URL, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ipcFrom('https://evil.example/')).toMatchObject({ ok: false });
    expect(await ipcFrom('file:///tmp/page.html')).toMatchObject({ ok: false });
  });

  it('17. the trusted IPC origin is the built app once packaged: ELECTRON_RENDERER_URL is ignored', async () => {
    app.isPackaged = true;
    const desktop = await harness.start({ devServerUrl: 'http://localhost:5173/' });
    desktop.window.show();
    expect(harness.window().loaded).toEqual([APP_URL]);
    expect(await ipcFrom('http://localhost:5173/')).toMatchObject({ ok: false });
    expect(await ipcFrom(APP_URL)).toMatchObject({ ok: true });
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, true)).toBe(
      undefined,
    );
    // In development only, and only a loopback address.
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, false)).toBe(
      'http://localhost:5173/',
    );
    expect(
      devServerUrlFrom({ ELECTRON_RENDERER_URL: 'https://evil.example/' }, false),
    ).toBeUndefined();
    expect(devServerUrlFrom({ ELECTRON_RENDERER_URL: 'file:///tmp/x.html' }, false)).toBe(
      undefined,
    );
  });

  it('18. no file:// pages: the renderer comes from the app:// protocol, and only its files', async () => {
    await shownApp();
    expect(harness.window().loaded.every((url) => url.startsWith('app://reelpilot/'))).toBe(true);
    const handler = protocol.handlers.get('app');
    expect((await handler?.(new Request('app://reelpilot/index.html')))?.status).toBe(200);
    expect((await handler?.(new Request('app://reelpilot/../../etc/passwd')))?.status).toBe(404);
    expect((await handler?.(new Request('app://elsewhere/index.html')))?.status).toBe(404);
    expect(await ipcFrom('file:///opt/ReelPilot/out/renderer/index.html')).toMatchObject({
      ok: false,
    });
  });

  it('19. the fuses an attacker could use are off (electron-builder.yml)', () => {
    const config = yaml.load(
      readFileSync(path.join(projectRoot, 'electron-builder.yml'), 'utf8'),
    ) as { electronFuses: Record<string, boolean> };
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('20. no Electron API reaches the page: the preload exposes window.api from the contract only', async () => {
    await import('../preload/index');
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed.api as Api;
    expect(Object.keys(api).sort()).toEqual(['files', 'invoke', 'on', 'transport']);
    expect(Object.values(api)).not.toContain(ipcRenderer);
    const refused = await api.invoke('shell:openExternal' as 'settings:get', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });
});

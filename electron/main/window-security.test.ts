import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { FakeSession, FakeWebContents } from './testing/fake-electron';
import {
  applySessionSecurity,
  applyWindowSecurity,
  isAppUrl,
  mainWindowOptions,
} from './window-security';
import { rendererCsp } from '../../shared/security/content-security-policy';
import { APP_URL } from './app-protocol';

const appUrl = APP_URL;

describe('main window', () => {
  it('isolates the renderer: context isolation and sandbox on, no Node', () => {
    const options = mainWindowOptions('/app/preload/index.cjs', { width: 1200, height: 800 });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(options).toMatchObject({ width: 1200, height: 800, show: false });
  });

  it('blocks navigation away from the app and opens web links in the system browser only', () => {
    const contents = new FakeWebContents();
    const opened: string[] = [];
    applyWindowSecurity(contents as unknown as WebContents, {
      appUrl,
      openExternal: (url) => opened.push(url),
    });

    expect(contents.fire('will-navigate', appUrl)).toBe(false);
    expect(contents.fire('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(opened).toEqual(['https://evil.example/phish']);

    expect(contents.windowOpenHandler?.({ url: 'https://www.youtube.com/watch?v=1' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'smb://share/x' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://evil.example/phish', 'https://www.youtube.com/watch?v=1']);
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('recognises the app’s own pages for the built files and the dev server', () => {
    expect(isAppUrl(appUrl, appUrl)).toBe(true);
    expect(isAppUrl('app://reelpilot/assets/index.js#/settings', appUrl)).toBe(true);
    expect(isAppUrl('app://elsewhere/index.html', appUrl)).toBe(false);
    expect(isAppUrl('file:///opt/ReelPilot/out/renderer/index.html', appUrl)).toBe(false);
    expect(isAppUrl('file:///tmp/other.html', appUrl)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/settings', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('not a url', appUrl)).toBe(false);
  });

  it('sends a strict CSP with every response and denies permission prompts', () => {
    const session = new FakeSession();
    const rendererCspDesktop = rendererCsp('desktop');
    applySessionSecurity(session as unknown as Session, rendererCspDesktop);
    const callback = vi.fn();
    session.headersListener?.({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    const headers = callback.mock.calls[0]?.[0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([rendererCspDesktop]);
    expect(headers['X-Other']).toEqual(['1']);
    expect(rendererCspDesktop).toContain("script-src 'self';");
    expect(rendererCspDesktop).not.toContain('unsafe-eval');
    expect(rendererCspDesktop).toContain("object-src 'none'");
    expect(session.permissionCheckHandler?.()).toBe(false);
    const granted = vi.fn();
    session.permissionHandler?.(null, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
  });
});

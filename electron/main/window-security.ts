import type { BrowserWindowConstructorOptions, Session, Shell, WebContents } from 'electron';

export interface WindowBounds {
  width: number;
  height: number;
  x?: number | undefined;
  y?: number | undefined;
}

/** The one window's options: the renderer gets no Node and talks only through the preload. */
export function mainWindowOptions(
  preload: string,
  bounds: WindowBounds,
  iconPath?: string,
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'ReelPilot',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: true,
    },
  };
}

/**
 * True when `url` belongs to the app's own pages: `app://reelpilot/…` (the built files) or the
 * dev server's origin. Compared by scheme and host, since Node gives custom schemes no origin.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:' || target.protocol === 'file:') return false;
    return target.protocol === app.protocol && target.host === app.host && target.host !== '';
  } catch {
    return false;
  }
}

/**
 * `shell.openExternal` for web pages only (the engine opens the platforms' consent pages): a
 * `file:`, `smb:` or custom-scheme address could start a program, so it is refused in words.
 */
export function openWebUrl(shell: Pick<Shell, 'openExternal'>, url: string): Promise<void> {
  if (!isExternalWebUrl(url)) {
    return Promise.reject(
      new Error(`Only web pages are opened in the browser, not "${url.slice(0, 80)}".`),
    );
  }
  return shell.openExternal(url);
}

export function isExternalWebUrl(url: string): boolean {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Locks the window down: no navigation away from the app, no new windows (web links open in the
 * system browser, anything else is dropped), no permission prompts, and the CSP on every answer.
 */
export function applyWindowSecurity(
  contents: WebContents,
  options: { appUrl: string; openExternal: (url: string) => void },
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) options.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, options.appUrl)) return;
    event.preventDefault();
    if (isExternalWebUrl(url)) options.openExternal(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * No permission prompts, and a CSP on every HTTP answer (the dev server's; the `app://`
 * protocol sets its own header, since custom schemes do not pass through webRequest).
 */
export function applySessionSecurity(session: Session, csp: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}

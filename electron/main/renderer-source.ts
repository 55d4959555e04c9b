/**
 * Where the window's page comes from. The built renderer over `app://` always, except in
 * development (`npm start`, an unpackaged app) where electron-vite names its dev server in
 * `ELECTRON_RENDERER_URL`. That address becomes both the window's page and the origin trusted to
 * call the engine over IPC, so a packaged app never reads it (anyone who can set an environment
 * variable could otherwise point it at their own page), and even in development only a loopback
 * http(s) address is taken.
 */
export function devServerUrlFrom(
  env: Readonly<Record<string, string | undefined>>,
  packaged: boolean,
): string | undefined {
  if (packaged) return undefined;
  const value = env.ELECTRON_RENDERER_URL;
  if (!value) return undefined;
  return isLoopbackWebUrl(value) ? value : undefined;
}

export function isLoopbackWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    );
  } catch {
    return false;
  }
}

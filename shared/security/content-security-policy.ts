/**
 * Every Content Security Policy the app sends, built in one place: the renderer's (as an HTTP
 * header from the desktop `app://` protocol and from the headless host, and as the `<meta>` tag
 * written into the built index.html) and the one of the small static pages the loopback
 * listeners answer with. Pure strings, no Node and no DOM, so the build, the shell, the host and
 * the engine all import it.
 */

/** The scheme of library files in the desktop app (see electron/main/media-protocol.ts). */
export const MEDIA_SCHEME = 'reelpilot-media';

export type CspDirectives = Record<string, readonly string[]>;

export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/**
 * Where the renderer is served from:
 * - `desktop`: the built files over `app://` in Electron, library media over `reelpilot-media:`;
 * - `host`: the headless host in a browser, media from the same origin;
 * - `meta`: the `<meta>` tag in index.html, shared by both builds (so it allows both media
 *   sources), without `frame-ancestors`, which browsers ignore in a meta tag;
 * - `dev`: the Vite dev server inside Electron (`npm start`), which needs an inline module for
 *   React refresh and a WebSocket for hot reload. Never used for built files.
 */
export type RendererCspTarget = 'desktop' | 'host' | 'meta' | 'dev';

export function rendererCspDirectives(target: RendererCspTarget): CspDirectives {
  const media = target === 'host' ? [] : [`${MEDIA_SCHEME}:`];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': target === 'dev' ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    // Radix injects a small <style> element for scroll locking.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...media],
    'media-src': ["'self'", 'blob:', ...media],
    'font-src': ["'self'"],
    'connect-src': target === 'dev' ? ["'self'", 'ws:'] : ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  if (target !== 'meta') directives['frame-ancestors'] = ["'none'"];
  return directives;
}

export function rendererCsp(target: RendererCspTarget): string {
  return serializeCsp(rendererCspDirectives(target));
}

/** Plain pages with inline styles and nothing else (OAuth callback pages, refusals). */
export const staticPageCsp = serializeCsp({
  'default-src': ["'none'"],
  'style-src': ["'unsafe-inline'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
});

import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { rendererCsp } from '../../shared/security/content-security-policy';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that a URL path names, or null: a path that cannot be decoded, that
 * climbs out of `root` (`..`, encoded or not), or that is a link to somewhere outside, names
 * nothing. Shared by the headless host and the desktop app's `app://` protocol.
 */
export function builtFileFor(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (!(candidate === root || candidate.startsWith(root + path.sep))) return null;
  if (!existsSync(candidate) || !statSync(candidate).isFile()) return null;
  const real = realpathSync(candidate);
  const realRoot = realpathSync(root);
  return real.startsWith(realRoot + path.sep) ? candidate : null;
}

/** Serves the built renderer; unknown paths get index.html so client-side navigation works. */
export function serveStatic(root: string, pathname: string, response: ServerResponse): void {
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(
      'The user interface has not been built. Run `npm run serve` (it builds it) or `npm run build:renderer`.',
    );
    return;
  }
  try {
    decodeURIComponent(pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  const file = builtFileFor(root, pathname) ?? index;
  const headers: Record<string, string> = {
    'content-type': contentTypeOf(file),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': file === index ? 'no-store' : 'public, max-age=31536000, immutable',
  };
  if (file === index) {
    headers['content-security-policy'] = rendererCsp('host');
    headers['x-frame-options'] = 'DENY';
  }
  response.writeHead(200, headers);
  createReadStream(file).pipe(response);
}

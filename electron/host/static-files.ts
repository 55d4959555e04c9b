import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

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

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // Radix injects a small <style> element for scroll locking.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

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
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  const candidate = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  const inside = candidate === root || candidate.startsWith(root + path.sep);
  const file = inside && existsSync(candidate) && statSync(candidate).isFile() ? candidate : index;
  const type = contentTypes[path.extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': file === index ? 'no-store' : 'public, max-age=31536000, immutable',
  };
  if (file === index) {
    headers['content-security-policy'] = contentSecurityPolicy;
    headers['x-frame-options'] = 'DENY';
  }
  response.writeHead(200, headers);
  createReadStream(file).pipe(response);
}

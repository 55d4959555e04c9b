import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { rendererCsp } from '../../shared/security/content-security-policy';
import { builtFileFor, contentTypeOf } from '../host/static-files';

/**
 * The renderer is served from `app://reelpilot/`, not `file://`: a standard, secure scheme gives
 * the page a real origin (`'self'` in the CSP means the built files and nothing else on disk),
 * and the file protocol's extra privileges can be switched off with their fuse.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'reelpilot';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** For `protocol.registerSchemesAsPrivileged`, before the app is ready. */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

function refuse(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });
}

/**
 * Answers one `app://reelpilot/<path>` request from the built renderer folder, and from nowhere
 * else: traversal, encoded or not, links leading out, other hosts and unknown files get a
 * refusal, never another file. Kept free of Electron so it is tested directly.
 */
export async function handleAppRequest(request: Request, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return refuse(405, 'Only GET and HEAD are answered.');
  }
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return refuse(400, 'Not a valid address.');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return refuse(404, 'Not an address of the app.');
  }
  // The raw path, before URL parsing resolves `..`: a climbing path is refused, not resolved.
  const rawPath = /^[a-z]+:\/\/[^/]*(\/[^?#]*)?/i.exec(request.url)?.[1] ?? '/';
  const pathname = rawPath === '/' ? '/index.html' : rawPath;
  if (/(^|\/)\.\.(\/|$)|%2e%2e|%2f|%5c|\\/i.test(pathname)) {
    return refuse(404, 'No such file in the app.');
  }
  const root = path.resolve(rendererDir);
  const file = builtFileFor(root, pathname);
  if (!file) return refuse(404, 'No such file in the app.');
  const isHtml = path.extname(file) === '.html';
  const headers: Record<string, string> = {
    'content-type': contentTypeOf(file),
    'x-content-type-options': 'nosniff',
    'cache-control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
  };
  if (isHtml) headers['content-security-policy'] = rendererCsp('desktop');
  if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
  return new Response(await readFile(file), { status: 200, headers });
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Result } from '../../shared/contract';
import type { HandlerContext } from '../core/ipc/handler-registry';
import type { Logger } from '../core/ports';
import { staticPageCsp } from '../../shared/security/content-security-policy';
import { AccessGuard, type ApiTokenVerifier } from './access-guard';
import type { EventBroadcaster } from './event-broadcaster';
import {
  applyConnectionLimits,
  defaultHostLimits,
  letIn,
  serverOptionsFor,
  type HostLimits,
} from './host-limits';
import { serveStatic } from './static-files';

/** An extra authenticated route (media files, uploads) added by a domain. */
export interface HostRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** The body may take long (an upload): no time limit, only the upload idle limit. */
  longBody?: boolean;
  /** Matches the path; returns the route's parameters or null. */
  match(pathname: string): Record<string, string> | null;
  handle(
    request: IncomingMessage,
    response: ServerResponse,
    params: Record<string, string>,
    url: URL,
  ): Promise<void> | void;
}

export interface HostServerOptions {
  invoke(channel: string, payload: unknown, context: HandlerContext): Promise<Result<unknown>>;
  events: EventBroadcaster;
  staticDir: string;
  token: string;
  logger: Logger;
  routes?: HostRoute[];
  maxBodyBytes?: number;
  /** Long-lived tokens for scripts, accepted as `Authorization: Bearer`. */
  apiTokens?: ApiTokenVerifier;
  /** The OpenAPI document served at `GET /api/openapi.json`. */
  openApi?: object;
  /** Connection caps and idle limits (tests make them small). */
  limits?: Partial<HostLimits>;
}

/** Channels a long-lived API token may not call: a script cannot mint or revoke tokens. */
const sessionOnlyChannel = /^apiTokens:/;

export interface RunningHost {
  server: Server;
  port: number;
  /** The address to open, with this run's token. */
  url: string;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON answer that is never cached nor sniffed: the host's one way to answer in JSON. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(JSON.stringify(body));
}

/** A request that cannot be read as one (a bad encoding, an address that is no path). */
function badRequest(response: ServerResponse, message: string): void {
  response.setHeader('connection', 'close');
  sendJson(response, 400, { ok: false, error: { code: 'BAD_INPUT', message } });
}

function refuse(
  response: ServerResponse,
  status: number,
  reason: string,
  wantsHtml: boolean,
): void {
  // Whoever was refused does not keep the connection.
  response.setHeader('connection', 'close');
  if (wantsHtml) {
    response.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': staticPageCsp,
    });
    response.end(
      `<!doctype html><meta charset="utf-8"><title>ReelPilot</title><body style="font-family:sans-serif;max-width:40em;margin:4em auto"><h1>Open ReelPilot from its address</h1><p>${reason.replace(/[<>&]/g, '')}</p></body>`,
    );
    return;
  }
  sendJson(response, status, { ok: false, error: { code: 'FORBIDDEN', message: reason } });
}

/**
 * The headless host: the contract over HTTP (`POST /api/invoke/<channel>`), push events as
 * server-sent events (`GET /api/events`) and the built renderer, on 127.0.0.1 only.
 */
export function startHostServer(options: HostServerOptions, port = 0): Promise<RunningHost> {
  const guard = new AccessGuard(options.token, options.apiTokens ?? null);
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const limits: HostLimits = { ...defaultHostLimits, ...options.limits };
  let boundPort = port;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://127.0.0.1:${boundPort}`);
    } catch {
      request.resume();
      return badRequest(response, 'The address of the request is not a path.');
    }
    const method = request.method ?? 'GET';
    const wantsHtml = method === 'GET' && !url.pathname.startsWith('/api/');
    const access = guard.check(request, url, boundPort);
    if (!access.allowed) {
      refuse(response, access.status, access.reason, wantsHtml);
      return;
    }
    if (access.viaQueryToken && wantsHtml) {
      // Trade the token in the address for a cookie, then drop it from the address bar.
      url.searchParams.delete('token');
      response.writeHead(303, {
        'set-cookie': `${guard.cookieFor(boundPort)}=${encodeURIComponent(options.token)}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname + url.search,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }

    const route = (options.routes ?? []).find(
      (candidate) => candidate.method === method && candidate.match(url.pathname) !== null,
    );
    const isEvents = url.pathname === '/api/events' && method === 'GET';
    letIn(request.socket, isEvents ? 'events' : route?.longBody ? 'upload' : 'request', limits);

    if (url.pathname.startsWith('/api/invoke/')) {
      if (method !== 'POST')
        return sendJson(response, 405, {
          ok: false,
          error: { code: 'BAD_INPUT', message: 'Use POST.' },
        });
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice('/api/invoke/'.length));
      } catch {
        request.resume();
        return badRequest(response, 'The operation name is not validly encoded.');
      }
      if (access.credential === 'api-token' && sessionOnlyChannel.test(channel)) {
        request.resume();
        return sendJson(response, 403, {
          ok: false,
          error: {
            code: 'FORBIDDEN',
            message: 'API tokens are managed in ReelPilot’s Settings, not with an API token.',
          },
        });
      }
      let payload: unknown;
      try {
        const text = await readBody(request, limit);
        payload = text.length === 0 ? {} : (JSON.parse(text) as unknown);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          return sendJson(response, 413, {
            ok: false,
            error: { code: 'BAD_INPUT', message: `The request is larger than ${limit} bytes.` },
          });
        }
        return sendJson(response, 400, {
          ok: false,
          error: { code: 'BAD_INPUT', message: 'The request body is not valid JSON.' },
        });
      }
      const result = await options.invoke(channel, payload, { transport: 'http' });
      return sendJson(response, 200, result);
    }
    if (url.pathname === '/api/openapi.json' && method === 'GET' && options.openApi) {
      return sendJson(response, 200, options.openApi);
    }
    if (isEvents) {
      if (!options.events.attach(response)) {
        return sendJson(response, 429, {
          ok: false,
          error: {
            code: 'UNAVAILABLE',
            message: 'Too many ReelPilot tabs are following events; close some and reload.',
          },
        });
      }
      return;
    }
    if (route) return route.handle(request, response, route.match(url.pathname) ?? {}, url);
    if (url.pathname.startsWith('/api/')) {
      return sendJson(response, 404, {
        ok: false,
        error: { code: 'NOT_FOUND', message: `No route ${method} ${url.pathname}.` },
      });
    }
    if (method !== 'GET' && method !== 'HEAD')
      return sendJson(response, 405, {
        ok: false,
        error: { code: 'BAD_INPUT', message: 'Method not allowed.' },
      });
    serveStatic(options.staticDir, url.pathname, response);
  };

  const server = createServer(serverOptionsFor(limits), (request, response) => {
    handle(request, response).catch((error: unknown) => {
      // The path only: a query string may carry the token (`?token=`).
      options.logger.error('host request failed', {
        method: request.method,
        path: (request.url ?? '').split('?')[0],
        error: String(error),
      });
      if (!response.headersSent)
        sendJson(response, 500, {
          ok: false,
          error: { code: 'INTERNAL', message: 'The host failed to answer; see the log.' },
        });
      else response.destroy();
    });
  });

  applyConnectionLimits(server, limits);

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      boundPort = (server.address() as AddressInfo).port;
      guard.setPort(boundPort);
      server.off('error', reject);
      resolve({
        server,
        port: boundPort,
        url: `http://127.0.0.1:${boundPort}/?token=${options.token}`,
        close: () =>
          new Promise<void>((done) => {
            options.events.close();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

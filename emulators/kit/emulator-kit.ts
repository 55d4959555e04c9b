import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * A tiny HTTP kit for the local platform emulators. Each platform's emulator is a list of routes
 * speaking that platform's protocol; the kit adds fault switches that a test (or the sandbox UI)
 * arms by route name, a token registry, and control endpoints under `/__emulator/` so a test in
 * another process can arm faults and read state.
 */

export type Fault =
  | { type: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Destroys the socket; with `afterBytes`, only once that much of the request body arrived. */
  | { type: 'drop'; afterBytes?: number }
  | { type: 'delay'; ms: number }
  /** Takes the request and never answers (the client's deadlines must end it). */
  | { type: 'hang' }
  /** Does what the request asks, then drops the connection instead of answering. */
  | { type: 'loseAnswer' };

export const faultSchema: z.ZodType<Fault> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('status'),
    status: z.number().int().min(100).max(599),
    body: z.unknown().optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.object({ type: z.literal('drop'), afterBytes: z.number().int().nonnegative().optional() }),
  z.object({ type: z.literal('delay'), ms: z.number().int().nonnegative().max(60_000) }),
  z.object({ type: z.literal('hang') }),
  z.object({ type: z.literal('loseAnswer') }),
]);

export class FaultSwitches {
  private readonly armed = new Map<
    string,
    Array<{ fault: Fault; remaining: number; skip: number }>
  >();

  /**
   * Makes the next `times` requests to the named route fail with `fault`; with `skip`, the
   * first `skip` requests pass untouched first (a fault on the third chunk: `skip: 2`).
   */
  arm(route: string, fault: Fault, times = 1, skip = 0): void {
    const list = this.armed.get(route) ?? [];
    list.push({ fault, remaining: times, skip });
    this.armed.set(route, list);
  }

  take(route: string): Fault | null {
    const list = this.armed.get(route);
    const first = list?.[0];
    if (!list || !first) return null;
    if (first.skip > 0) {
      first.skip -= 1;
      return null;
    }
    first.remaining -= 1;
    if (first.remaining <= 0) list.shift();
    return first.fault;
  }

  clear(): void {
    this.armed.clear();
  }
}

export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** Regex captures of the route's path pattern. */
  params: string[];
  /** The whole request body (do not use for routes that stream large bodies). */
  body(): Promise<Buffer>;
  json(): Promise<unknown>;
  form(): Promise<URLSearchParams>;
  send(status: number, body?: unknown, headers?: Record<string, string>): void;
}

export interface EmulatorRoute {
  /** Stable name used to arm faults, e.g. `youtube.upload.chunk`. */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: RegExp;
  handle(context: RouteContext): Promise<void> | void;
}

export interface RequestRecord {
  route: string;
  method: string;
  path: string;
  at: number;
}

export interface RunningEmulator {
  name: string;
  baseUrl: string;
  port: number;
  faults: FaultSwitches;
  requests: RequestRecord[];
  close(): Promise<void>;
}

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(
  response: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined) {
    response.writeHead(status, headers);
    response.end();
    return;
  }
  const isText = typeof body === 'string' || Buffer.isBuffer(body);
  response.writeHead(status, {
    'content-type': isText ? 'text/plain' : 'application/json',
    ...headers,
  });
  response.end(isText ? body : JSON.stringify(body));
}

/** Applies a fault that stands in for the route; `loseAnswer` is applied around it instead. */
async function applyFault(
  fault: Exclude<Fault, { type: 'loseAnswer' }>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  if (fault.type === 'hang') {
    request.resume();
    return true;
  }
  if (fault.type === 'delay') {
    await new Promise((resolve) => setTimeout(resolve, fault.ms));
    return false;
  }
  if (fault.type === 'status') {
    await readAll(request).catch(() => Buffer.alloc(0));
    send(response, fault.status, fault.body ?? { error: 'emulated fault' }, fault.headers);
    return true;
  }
  const limit = fault.afterBytes ?? 0;
  let seen = 0;
  await new Promise<void>((resolve) => {
    if (limit === 0) return resolve();
    request.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen >= limit) resolve();
    });
    request.on('end', () => resolve());
    request.on('error', () => resolve());
  });
  request.socket.destroy();
  return true;
}

/** Starts an emulator on 127.0.0.1 (port 0 unless given). `state()` is served for tests. */
export function startEmulator(options: {
  name: string;
  routes: EmulatorRoute[];
  port?: number;
  state?: () => unknown;
  /**
   * Applies `POST /__emulator/switches` (slow processing, rejections, expired tokens...) for
   * the sandbox and out-of-process tests; throws on input it does not accept.
   */
  switches?: (input: unknown) => void;
}): Promise<RunningEmulator> {
  const faults = new FaultSwitches();
  const requests: RequestRecord[] = [];

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    void (async () => {
      if (url.pathname === '/__emulator/faults' && request.method === 'POST') {
        const parsed = z
          .object({
            route: z.string(),
            fault: faultSchema,
            times: z.number().int().positive().optional(),
            skip: z.number().int().nonnegative().optional(),
          })
          .safeParse(JSON.parse((await readAll(request)).toString() || '{}'));
        if (!parsed.success) return send(response, 400, { error: parsed.error.message });
        faults.arm(parsed.data.route, parsed.data.fault, parsed.data.times, parsed.data.skip);
        return send(response, 204);
      }
      if (
        url.pathname === '/__emulator/switches' &&
        request.method === 'POST' &&
        options.switches
      ) {
        try {
          options.switches(JSON.parse((await readAll(request)).toString() || '{}'));
        } catch (error) {
          return send(response, 400, {
            error: error instanceof Error ? error.message : String(error),
          });
        }
        return send(response, 204);
      }
      if (url.pathname === '/__emulator/state' && request.method === 'GET') {
        return send(response, 200, {
          name: options.name,
          state: options.state?.() ?? null,
          requests,
        });
      }
      const route = options.routes.find(
        (r) => r.method === request.method && r.path.test(url.pathname),
      );
      if (!route)
        return send(response, 404, {
          error: `${options.name} emulator has no route ${request.method} ${url.pathname}`,
        });
      requests.push({
        route: route.name,
        method: route.method,
        path: url.pathname,
        at: Date.now(),
      });
      const fault = faults.take(route.name);
      const loseAnswer = fault?.type === 'loseAnswer';
      if (fault && fault.type !== 'loseAnswer' && (await applyFault(fault, request, response)))
        return;
      const params = (route.path.exec(url.pathname) ?? []).slice(1);
      let cached: Buffer | null = null;
      const body = async () => (cached ??= await readAll(request));
      await route.handle({
        request,
        response,
        url,
        params,
        body,
        json: async () => JSON.parse((await body()).toString('utf8') || 'null') as unknown,
        form: async () => new URLSearchParams((await body()).toString('utf8')),
        send: (status, payload, headers) => {
          // The platform did the work; the answer is lost on the way back.
          if (loseAnswer) request.socket.destroy();
          else send(response, status, payload, headers);
        },
      });
    })().catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: String(error) });
      else response.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        name: options.name,
        baseUrl: `http://127.0.0.1:${port}`,
        port,
        faults,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

export interface IssuedToken {
  accessToken: string;
  refreshToken: string;
  accountId: string;
  scopes: string[];
  expiresAt: number;
  refreshExpiresAt: number;
}

/**
 * Tokens an emulator has issued. Refresh tokens rotate when `rotateRefresh` is set (TikTok,
 * X); a revoked or unknown refresh token is an `invalid_grant`.
 */
export class TokenRegistry {
  private readonly byAccess = new Map<string, IssuedToken>();
  private readonly byRefresh = new Map<string, IssuedToken>();

  constructor(
    private readonly options: {
      accessTtlMs: number;
      refreshTtlMs: number;
      rotateRefresh: boolean;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  issue(accountId: string, scopes: string[]): IssuedToken {
    const token: IssuedToken = {
      accessToken: `at_${randomBytes(18).toString('base64url')}`,
      refreshToken: `rt_${randomBytes(18).toString('base64url')}`,
      accountId,
      scopes,
      expiresAt: this.now() + this.options.accessTtlMs,
      refreshExpiresAt: this.now() + this.options.refreshTtlMs,
    };
    this.byAccess.set(token.accessToken, token);
    this.byRefresh.set(token.refreshToken, token);
    return token;
  }

  /** The token behind `Authorization: Bearer …`, or why it is refused. */
  checkAccess(
    header: string | undefined,
  ): { token: IssuedToken } | { error: 'missing' | 'invalid' | 'expired' } {
    const value = /^(?:Bearer|OAuth) (.+)$/.exec(header ?? '')?.[1];
    if (!value) return { error: 'missing' };
    const token = this.byAccess.get(value);
    if (!token) return { error: 'invalid' };
    if (token.expiresAt <= this.now()) return { error: 'expired' };
    return { token };
  }

  checkAccessToken(value: string | null): ReturnType<TokenRegistry['checkAccess']> {
    return this.checkAccess(value ? `Bearer ${value}` : undefined);
  }

  refresh(refreshToken: string): IssuedToken | null {
    const old = this.byRefresh.get(refreshToken);
    if (!old || old.refreshExpiresAt <= this.now()) return null;
    this.byAccess.delete(old.accessToken);
    if (!this.options.rotateRefresh) {
      const renewed = {
        ...old,
        accessToken: `at_${randomBytes(18).toString('base64url')}`,
        expiresAt: this.now() + this.options.accessTtlMs,
      };
      this.byAccess.set(renewed.accessToken, renewed);
      this.byRefresh.set(refreshToken, renewed);
      return renewed;
    }
    this.byRefresh.delete(refreshToken);
    return this.issue(old.accountId, old.scopes);
  }

  /** Expires every access token now (the "expired token" switch). */
  expireAll(): void {
    for (const token of this.byAccess.values()) token.expiresAt = this.now() - 1;
  }

  /** Revokes everything of an account (the "invalid grant" switch). */
  revokeAccount(accountId: string): void {
    for (const [key, token] of this.byAccess)
      if (token.accountId === accountId) this.byAccess.delete(key);
    for (const [key, token] of this.byRefresh)
      if (token.accountId === accountId) this.byRefresh.delete(key);
  }

  /** Revokes the grant an access or refresh token belongs to (Google's /revoke); false if unknown. */
  revokeToken(value: string): boolean {
    const token = this.byAccess.get(value) ?? this.byRefresh.get(value);
    if (!token) return false;
    this.revokeAccount(token.accountId);
    return true;
  }

  revokeAll(): void {
    this.byAccess.clear();
    this.byRefresh.clear();
  }
}

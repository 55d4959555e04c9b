import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** How a request proved itself: this run's token (the browser UI), or a long-lived API token. */
export type Credential = 'session' | 'api-token';

export type AccessDecision =
  | { allowed: true; viaQueryToken: boolean; credential: Credential }
  | { allowed: false; status: 401 | 403; reason: string };

/** Long-lived tokens for scripts (`Authorization: Bearer rpk_…`), checked in constant time. */
export interface ApiTokenVerifier {
  verify(token: string): unknown;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Every value of the cookie `name` in the header, decoded. Cookies are not port-scoped, so any
 * page on 127.0.0.1 may set one of that name (at another path, or badly encoded): a value that
 * cannot be decoded is skipped, and each candidate is checked, so none can lock the UI out.
 */
function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      values.push(decodeURIComponent(rest.join('=')));
    } catch {
      // Not ours: ours is always validly encoded.
    }
  }
  return values;
}

/**
 * Who may talk to the host: only pages it served itself, on the loopback address it listens on,
 * holding this run's token. The Host check defeats DNS rebinding; the Origin check defeats other
 * sites in the same browser; the token defeats other local users and programs.
 */
export class AccessGuard {
  readonly cookieName: string;
  private allowedHosts: Set<string> = new Set();

  constructor(
    private readonly token: string,
    private readonly apiTokens: ApiTokenVerifier | null = null,
  ) {
    this.cookieName = 'reelpilot_token';
  }

  setPort(port: number): void {
    this.allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  }

  /** Cookies are shared across ports of one host, so each port gets its own cookie name. */
  cookieFor(port: number): string {
    return `${this.cookieName}_${port}`;
  }

  check(request: IncomingMessage, url: URL, port: number): AccessDecision {
    const host = request.headers.host ?? '';
    if (!this.allowedHosts.has(host)) {
      return {
        allowed: false,
        status: 403,
        reason: 'This server only answers on its loopback address.',
      };
    }
    const origin = request.headers.origin;
    if (
      origin !== undefined &&
      origin !== 'null' &&
      !this.allowedHosts.has(origin.replace(/^http:\/\//, ''))
    ) {
      return { allowed: false, status: 403, reason: 'Requests from other sites are refused.' };
    }
    if (origin === 'null') {
      return { allowed: false, status: 403, reason: 'Requests from other sites are refused.' };
    }
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && sameSecret(queryToken, this.token))
      return { allowed: true, viaQueryToken: true, credential: 'session' };
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (bearer && sameSecret(bearer, this.token))
      return { allowed: true, viaQueryToken: false, credential: 'session' };
    if (bearer && this.apiTokens?.verify(bearer))
      return { allowed: true, viaQueryToken: false, credential: 'api-token' };
    const cookies = cookieValues(request.headers.cookie, this.cookieFor(port));
    if (cookies.some((cookie) => sameSecret(cookie, this.token)))
      return { allowed: true, viaQueryToken: false, credential: 'session' };
    if (bearer)
      return {
        allowed: false,
        status: 401,
        reason:
          'The API token is not valid (it may have been revoked). Create one in Settings → API tokens.',
      };
    // A key from an earlier run on this port: the tab outlived a restart, and says so.
    if (cookies.length > 0)
      return {
        allowed: false,
        status: 401,
        reason: `ReelPilot was restarted since this page was opened, and each start makes a new access key. Open the address it printed when it started again (the line "Open: http://127.0.0.1:${port}/?token=…" where ReelPilot runs); your work is kept in its data folder.`,
      };
    return {
      allowed: false,
      status: 401,
      reason:
        'This page needs the address ReelPilot printed when it started (the line "Open: http://127.0.0.1:…/?token=…"): it carries the access key of this run.',
    };
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { TokenRegistry, type EmulatorRoute, type RouteContext } from './emulator-kit';

/**
 * The OAuth side every platform emulator shares: an authorize endpoint that consents at once
 * (or denies, when switched), single-use codes bound to the PKCE challenge and redirect URI,
 * and control endpoints to revoke grants (invalid_grant) or expire access tokens.
 */

export interface EmulatedApp {
  clientId: string;
  clientSecret: string;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scopes: string[];
  expiresAt: number;
}

export interface OAuthEmulationOptions {
  app?: EmulatedApp;
  /** The identity every consent is given for. */
  accountId: string;
  accessTtlMs: number;
  refreshTtlMs: number;
  rotateRefresh: boolean;
  /** How the platform checks the PKCE challenge: base64url (RFC 7636) or hex (TikTok desktop). */
  challengeEncoding: 'base64url' | 'hex';
  now?: () => number;
}

export class OAuthEmulation {
  readonly app: EmulatedApp;
  readonly tokens: TokenRegistry;
  /** When set, the authorize endpoint answers `error=access_denied`. */
  deny = false;
  private readonly codes = new Map<string, IssuedCode>();

  constructor(readonly options: OAuthEmulationOptions) {
    this.app = options.app ?? { clientId: 'sandbox-client', clientSecret: 'sandbox-secret' };
    this.tokens = new TokenRegistry({
      accessTtlMs: options.accessTtlMs,
      refreshTtlMs: options.refreshTtlMs,
      rotateRefresh: options.rotateRefresh,
      now: options.now,
    });
  }

  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Consent page stand-in: validates the request, then redirects with a code (or a denial). */
  authorize(
    context: RouteContext,
    clientParam: 'client_id' | 'client_key',
    scopeSeparator: string,
  ): void {
    const q = context.url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    const state = q.get('state');
    if (q.get(clientParam) !== this.app.clientId) {
      return context.send(
        400,
        `Unknown ${clientParam}. Use the emulated app's id (${this.app.clientId}).`,
      );
    }
    if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(redirectUri)) {
      return context.send(
        400,
        'redirect_uri must be a loopback address (http://127.0.0.1:PORT/...).',
      );
    }
    const challenge = q.get('code_challenge');
    if (!challenge || q.get('code_challenge_method') !== 'S256') {
      return context.send(400, 'PKCE is required: code_challenge with code_challenge_method=S256.');
    }
    const target = new URL(redirectUri);
    if (state !== null) target.searchParams.set('state', state);
    if (this.deny) {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'The user denied the request.');
    } else {
      const code = `code_${randomBytes(16).toString('base64url')}`;
      this.codes.set(code, {
        clientId: this.app.clientId,
        redirectUri,
        challenge,
        scopes: (q.get('scope') ?? '').split(scopeSeparator).filter(Boolean),
        expiresAt: this.now() + 10 * 60_000,
      });
      target.searchParams.set('code', code);
    }
    context.send(302, undefined, { location: target.toString() });
  }

  /** Spends a code; `error` is the OAuth error word the platform would answer with. */
  redeem(input: {
    code: string | null;
    redirectUri: string | null;
    verifier: string | null;
    clientId: string | null;
  }): { scopes: string[] } | { error: string; description: string } {
    const issued = input.code ? this.codes.get(input.code) : undefined;
    if (!input.code || !issued)
      return {
        error: 'invalid_grant',
        description: 'Authorization code is invalid or was already used.',
      };
    this.codes.delete(input.code);
    if (issued.expiresAt <= this.now())
      return { error: 'invalid_grant', description: 'Authorization code expired.' };
    if (input.clientId !== issued.clientId)
      return { error: 'invalid_client', description: 'Client id does not match the code.' };
    if (input.redirectUri !== issued.redirectUri)
      return { error: 'invalid_grant', description: 'redirect_uri does not match.' };
    const digest = createHash('sha256')
      .update(input.verifier ?? '')
      .digest(this.options.challengeEncoding);
    if (!input.verifier || digest !== issued.challenge)
      return {
        error: 'invalid_grant',
        description: 'code_verifier does not match the code_challenge.',
      };
    return { scopes: issued.scopes };
  }

  secretMatches(secret: string | null): boolean {
    return secret === this.app.clientSecret;
  }

  /** Reads HTTP Basic client credentials, as X's confidential clients send them. */
  static basicCredentials(header: string | undefined): { id: string; secret: string } | null {
    const value = /^Basic (.+)$/.exec(header ?? '')?.[1];
    if (!value) return null;
    const [id, secret] = Buffer.from(value, 'base64').toString('utf8').split(':');
    return id === undefined || secret === undefined
      ? null
      : { id: decodeURIComponent(id), secret: decodeURIComponent(secret) };
  }
}

const denySchema = z.object({ deny: z.boolean() });

/**
 * Switches for tests and the sandbox, under `/__emulator/auth/`: `deny` (consent refused),
 * `revoke` (every grant dies: the next refresh is an invalid_grant), `expire` (access tokens
 * expire now: the next API call answers 401).
 */
export function authControlRoutes(
  prefix: string,
  auth: OAuthEmulation,
  extra: () => void = () => {},
): EmulatorRoute[] {
  return [
    {
      name: `${prefix}.control.deny`,
      method: 'POST',
      path: /^\/__emulator\/auth\/deny$/,
      handle: async (c) => {
        const parsed = denySchema.safeParse(await c.json());
        if (!parsed.success) return c.send(400, { error: 'Send {"deny": true|false}.' });
        auth.deny = parsed.data.deny;
        c.send(204);
      },
    },
    {
      name: `${prefix}.control.revoke`,
      method: 'POST',
      path: /^\/__emulator\/auth\/revoke$/,
      handle: (c) => {
        auth.tokens.revokeAll();
        extra();
        c.send(204);
      },
    },
    {
      name: `${prefix}.control.expire`,
      method: 'POST',
      path: /^\/__emulator\/auth\/expire$/,
      handle: (c) => {
        auth.tokens.expireAll();
        c.send(204);
      },
    },
  ];
}

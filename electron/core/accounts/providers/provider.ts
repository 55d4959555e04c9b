import { z } from 'zod';
import type { Audience } from '../../../../shared/domain/accounts';
import type { PlatformEndpoints, PlatformId } from '../../../../shared/domain/platforms';
import type { HttpFetch } from '../../ports';
import type { ChallengeEncoding } from '../oauth/pkce';

/** What the secret store holds for one account (JSON under `account:<id>:tokens`). */
export const tokenSetSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string().nullable(),
  /** Null: the token does not expire (Meta Page tokens). */
  expiresAt: z.number().nullable(),
  refreshExpiresAt: z.number().nullable(),
  scopes: z.array(z.string()),
  obtainedAt: z.number(),
  /** Meta: the long-lived user token the Page token was derived from. */
  userToken: z.string().nullable().optional(),
  userTokenExpiresAt: z.number().nullable().optional(),
});
export type TokenSet = z.infer<typeof tokenSetSchema>;

export interface ProviderContext {
  http: HttpFetch;
  endpoints: PlatformEndpoints;
  clientId: string;
  clientSecret: string | null;
  now(): number;
}

export interface ConnectedIdentity {
  remoteId: string;
  handle: string;
  displayName: string;
  avatarUrl: string | null;
  audience: Audience;
  tokens: TokenSet;
}

export interface ProbeResult {
  remoteId: string;
  handle: string;
  audience: Audience;
  /** Words about the audience when the platform does not say it plainly. */
  audienceNote: string | null;
}

export interface OAuthProvider {
  platform: PlatformId;
  /** Google, TikTok and Meta need the app secret at the token endpoint; X allows public clients. */
  secretRequired: boolean;
  consoleUrl: string;
  challengeEncoding: ChallengeEncoding;
  requiredScopes: string[];
  uploadScopes: string[];
  authorizeUrl(
    ctx: ProviderContext,
    params: { redirectUri: string; state: string; challenge: string },
  ): string;
  /** Code for tokens, then who the tokens belong to: one account, or several (Meta's Pages). */
  exchangeCode(
    ctx: ProviderContext,
    params: { code: string; verifier: string; redirectUri: string },
  ): Promise<ConnectedIdentity[]>;
  /** New tokens for old; throws OAuthError('invalid_grant') only when the platform refuses the grant. */
  refresh(ctx: ProviderContext, tokens: TokenSet, remoteId: string): Promise<TokenSet>;
  /** The cheapest identity call with the account's token. */
  probe(ctx: ProviderContext, accessToken: string, remoteId: string): Promise<ProbeResult>;
}

export function expiresAt(now: number, seconds: unknown): number | null {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? now + seconds * 1000
    : null;
}

/** Parses an answer with zod and turns a mismatch into words that name the platform. */
export function expectShape<T extends z.ZodType>(
  schema: T,
  body: unknown,
  what: string,
): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `${what} answered in an unexpected form (${parsed.error.issues[0]?.message ?? 'unknown'}).`,
    );
  }
  return parsed.data;
}

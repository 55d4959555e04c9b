import { z } from 'zod';
import { formBody, OAuthError, requestJson, type JsonAnswer } from '../oauth/oauth-http';
import {
  expectShape,
  expiresAt,
  type OAuthProvider,
  type ProviderContext,
  type TokenSet,
} from './provider';

const uploadScope = 'https://www.googleapis.com/auth/youtube.upload';
const readScope = 'https://www.googleapis.com/auth/youtube.readonly';

const tokenAnswer = z.object({
  access_token: z.string(),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
  refresh_token_expires_in: z.number().optional(),
  scope: z.string().optional(),
});

const channelsAnswer = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        snippet: z.object({
          title: z.string(),
          customUrl: z.string().optional(),
          thumbnails: z.object({ default: z.object({ url: z.string() }).optional() }).optional(),
        }),
      }),
    )
    .optional(),
});

function refusal(answer: JsonAnswer, what: string): OAuthError {
  const body = z
    .object({ error: z.string(), error_description: z.string().optional() })
    .safeParse(answer.body);
  if (body.success && body.data.error === 'invalid_grant') {
    return new OAuthError(
      'invalid_grant',
      `Google refused the sign-in grant (${body.data.error_description ?? 'invalid_grant'}). Reconnect the account.`,
      answer.status,
      null,
      'invalid_grant',
    );
  }
  const detail = body.success
    ? (body.data.error_description ?? body.data.error)
    : `HTTP ${answer.status}`;
  return new OAuthError(
    'other',
    `${what} was refused: ${detail}.`,
    answer.status,
    null,
    body.success ? body.data.error : null,
  );
}

async function token(ctx: ProviderContext, values: Record<string, string | undefined>) {
  const answer = await requestJson(
    ctx.http,
    ctx.endpoints.tokenUrl,
    { method: 'POST', body: formBody(values) },
    'Google sign-in',
    ctx.now,
  );
  if (answer.status !== 200) throw refusal(answer, 'Google sign-in');
  return expectShape(tokenAnswer, answer.body, 'Google sign-in');
}

async function channel(ctx: ProviderContext, accessToken: string) {
  const url = new URL('/youtube/v3/channels', ctx.endpoints.apiBaseUrl);
  url.searchParams.set('part', 'snippet');
  url.searchParams.set('mine', 'true');
  const answer = await requestJson(
    ctx.http,
    url.toString(),
    { headers: { authorization: `Bearer ${accessToken}` } },
    'YouTube',
    ctx.now,
  );
  if (answer.status === 401)
    throw new OAuthError('other', 'YouTube did not accept the access token (401).', 401);
  if (answer.status !== 200) throw refusal(answer, 'YouTube');
  const first = expectShape(channelsAnswer, answer.body, 'YouTube').items?.[0];
  if (!first) {
    throw new OAuthError(
      'other',
      'This Google account has no YouTube channel. Create a channel on youtube.com, then connect again.',
    );
  }
  return first;
}

/**
 * Google's consent page for an installed app (PKCE, offline access so a refresh token comes
 * back). One Google developer app serves YouTube and the Drive connection, each with its scopes.
 */
export function googleAuthorizeUrl(
  ctx: ProviderContext,
  params: { redirectUri: string; state: string; challenge: string },
  scopes: string[],
): string {
  const url = new URL(ctx.endpoints.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: ctx.clientId,
    redirect_uri: params.redirectUri,
    response_type: 'code',
    scope: scopes.join(' '),
    access_type: 'offline',
    prompt: 'consent',
    state: params.state,
    code_challenge: params.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** The authorization code for tokens at Google's token endpoint. */
export async function googleExchangeCode(
  ctx: ProviderContext,
  params: { code: string; verifier: string; redirectUri: string },
): Promise<TokenSet> {
  const now = ctx.now();
  const answer = await token(ctx, {
    grant_type: 'authorization_code',
    code: params.code,
    code_verifier: params.verifier,
    redirect_uri: params.redirectUri,
    client_id: ctx.clientId,
    client_secret: ctx.clientSecret ?? undefined,
  });
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? null,
    expiresAt: expiresAt(now, answer.expires_in),
    refreshExpiresAt: expiresAt(now, answer.refresh_token_expires_in),
    scopes: (answer.scope ?? '').split(' ').filter(Boolean),
    obtainedAt: now,
  };
}

export const googleProvider: OAuthProvider = {
  platform: 'youtube',
  secretRequired: true,
  consoleUrl: 'https://console.cloud.google.com/apis/credentials',
  challengeEncoding: 'base64url',
  requiredScopes: [uploadScope, readScope],
  uploadScopes: [uploadScope],
  authorizeUrl: (ctx, params) => googleAuthorizeUrl(ctx, params, [uploadScope, readScope]),
  async exchangeCode(ctx, params) {
    const tokens = await googleExchangeCode(ctx, params);
    const found = await channel(ctx, tokens.accessToken);
    return [
      {
        remoteId: found.id,
        handle: found.snippet.customUrl ?? found.snippet.title,
        displayName: found.snippet.title,
        avatarUrl: found.snippet.thumbnails?.default?.url ?? null,
        audience: 'unknown',
        tokens,
      },
    ];
  },
  async refresh(ctx, tokens) {
    if (!tokens.refreshToken) {
      throw new OAuthError(
        'invalid_grant',
        'Google gave no refresh token for this account. Reconnect it.',
      );
    }
    const now = ctx.now();
    const answer = await token(ctx, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken,
      client_id: ctx.clientId,
      client_secret: ctx.clientSecret ?? undefined,
    });
    return {
      ...tokens,
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token ?? tokens.refreshToken,
      expiresAt: expiresAt(now, answer.expires_in),
      refreshExpiresAt: answer.refresh_token_expires_in
        ? expiresAt(now, answer.refresh_token_expires_in)
        : tokens.refreshExpiresAt,
      scopes: answer.scope ? answer.scope.split(' ').filter(Boolean) : tokens.scopes,
      obtainedAt: now,
    };
  },
  async probe(ctx, accessToken) {
    const found = await channel(ctx, accessToken);
    return {
      remoteId: found.id,
      handle: found.snippet.customUrl ?? found.snippet.title,
      audience: 'unknown',
      audienceNote:
        'YouTube does not tell apps whether their API project is verified: an unverified project can only upload private videos.',
    };
  },
};

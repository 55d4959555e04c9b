import { z } from 'zod';
import { formBody, OAuthError, requestJson } from '../oauth/oauth-http';
import {
  expectShape,
  expiresAt,
  type OAuthProvider,
  type ProviderContext,
  type TokenSet,
} from './provider';

const scopes = ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'];

const tokenAnswer = z.object({
  access_token: z.string(),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
});
const meAnswer = z.object({
  data: z.object({
    id: z.string(),
    name: z.string(),
    username: z.string(),
    profile_image_url: z.string().optional(),
  }),
});

async function token(ctx: ProviderContext, values: Record<string, string>) {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
  };
  // Confidential clients authenticate with Basic; public clients send only their id.
  if (ctx.clientSecret) {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(ctx.clientId)}:${encodeURIComponent(ctx.clientSecret)}`).toString('base64')}`;
  }
  const answer = await requestJson(
    ctx.http,
    ctx.endpoints.tokenUrl,
    { method: 'POST', headers, body: formBody({ ...values, client_id: ctx.clientId }) },
    'X sign-in',
    ctx.now,
  );
  if (answer.status !== 200) {
    const body = z
      .object({ error: z.string(), error_description: z.string().optional() })
      .safeParse(answer.body);
    const error = body.success ? body.data.error : `http_${answer.status}`;
    const description = body.success ? (body.data.error_description ?? error) : error;
    // X answers a dead refresh token with invalid_request and these words, not invalid_grant.
    const deadGrant =
      error === 'invalid_grant' ||
      (error === 'invalid_request' && /token was invalid/i.test(description));
    throw new OAuthError(
      deadGrant ? 'invalid_grant' : 'other',
      deadGrant
        ? `X refused the sign-in grant (${description}). Reconnect the account.`
        : `X sign-in was refused: ${description}.`,
      answer.status,
      null,
      error,
    );
  }
  return expectShape(tokenAnswer, answer.body, 'X sign-in');
}

async function me(ctx: ProviderContext, accessToken: string) {
  const url = new URL('/2/users/me', ctx.endpoints.apiBaseUrl);
  url.searchParams.set('user.fields', 'profile_image_url');
  const answer = await requestJson(
    ctx.http,
    url.toString(),
    { headers: { authorization: `Bearer ${accessToken}` } },
    'X',
    ctx.now,
  );
  if (answer.status !== 200) {
    throw new OAuthError('other', `X refused the request (HTTP ${answer.status}).`, answer.status);
  }
  return expectShape(meAnswer, answer.body, 'X').data;
}

function tokenSet(answer: z.infer<typeof tokenAnswer>, now: number, old?: TokenSet): TokenSet {
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? old?.refreshToken ?? null,
    expiresAt: expiresAt(now, answer.expires_in),
    refreshExpiresAt: null,
    scopes: answer.scope ? answer.scope.split(' ').filter(Boolean) : (old?.scopes ?? []),
    obtainedAt: now,
  };
}

export const xProvider: OAuthProvider = {
  platform: 'x',
  secretRequired: false,
  consoleUrl: 'https://developer.x.com/en/portal/dashboard',
  challengeEncoding: 'base64url',
  requiredScopes: scopes,
  uploadScopes: ['tweet.write', 'media.write'],
  authorizeUrl(ctx, { redirectUri, state, challenge }) {
    const url = new URL(ctx.endpoints.authorizeUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: ctx.clientId,
      redirect_uri: redirectUri,
      scope: scopes.join(' '),
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  },
  async exchangeCode(ctx, { code, verifier, redirectUri }) {
    const now = ctx.now();
    const answer = await token(ctx, {
      code,
      grant_type: 'authorization_code',
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    const user = await me(ctx, answer.access_token);
    return [
      {
        remoteId: user.id,
        handle: `@${user.username}`,
        displayName: user.name,
        avatarUrl: user.profile_image_url ?? null,
        audience: 'public',
        tokens: tokenSet(answer, now),
      },
    ];
  },
  async refresh(ctx, tokens) {
    if (!tokens.refreshToken) {
      throw new OAuthError(
        'invalid_grant',
        'No X refresh token is stored (offline.access was not granted). Reconnect the account.',
      );
    }
    const now = ctx.now();
    const answer = await token(ctx, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken,
    });
    return tokenSet(answer, now, tokens);
  },
  async probe(ctx, accessToken) {
    const user = await me(ctx, accessToken);
    return {
      remoteId: user.id,
      handle: `@${user.username}`,
      audience: 'public',
      audienceNote: null,
    };
  },
};

import { z } from 'zod';
import type { Audience } from '../../../../shared/domain/accounts';
import { formBody, OAuthError, requestJson } from '../oauth/oauth-http';
import {
  expectShape,
  expiresAt,
  type OAuthProvider,
  type ProviderContext,
  type TokenSet,
} from './provider';

const scopes = ['user.info.basic', 'video.publish', 'video.upload'];

const tokenAnswer = z.object({
  access_token: z.string(),
  open_id: z.string(),
  expires_in: z.number(),
  refresh_token: z.string(),
  refresh_expires_in: z.number(),
  scope: z.string(),
});
const errorAnswer = z.object({ error: z.string(), error_description: z.string().optional() });
const apiError = z.object({ code: z.string(), message: z.string().optional() });
const userAnswer = z.object({
  data: z.object({
    user: z.object({
      open_id: z.string(),
      display_name: z.string().optional(),
      username: z.string().optional(),
      avatar_url: z.string().optional(),
    }),
  }),
  error: apiError,
});
const creatorAnswer = z.object({
  data: z.object({ privacy_level_options: z.array(z.string()) }),
  error: apiError,
});

/** TikTok's token endpoint words failures in the body, sometimes with a 200. */
async function token(ctx: ProviderContext, values: Record<string, string>) {
  const answer = await requestJson(
    ctx.http,
    ctx.endpoints.tokenUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody(values),
    },
    'TikTok sign-in',
    ctx.now,
  );
  const failure = errorAnswer.safeParse(answer.body);
  if (failure.success || answer.status !== 200) {
    const error = failure.success ? failure.data.error : `http_${answer.status}`;
    const description = failure.success ? (failure.data.error_description ?? error) : error;
    if (error === 'invalid_grant') {
      throw new OAuthError(
        'invalid_grant',
        `TikTok refused the sign-in grant (${description}). Reconnect the account.`,
        answer.status,
        null,
        error,
      );
    }
    throw new OAuthError(
      'other',
      `TikTok sign-in was refused: ${description}.`,
      answer.status,
      null,
      error,
    );
  }
  return expectShape(tokenAnswer, answer.body, 'TikTok sign-in');
}

async function api<T extends z.ZodType>(
  ctx: ProviderContext,
  accessToken: string,
  path: string,
  init: RequestInit,
  schema: T,
): Promise<z.output<T>> {
  const answer = await requestJson(
    ctx.http,
    new URL(path, ctx.endpoints.apiBaseUrl).toString(),
    { ...init, headers: { ...init.headers, authorization: `Bearer ${accessToken}` } },
    'TikTok',
    ctx.now,
  );
  const error = z.object({ error: apiError }).safeParse(answer.body);
  if (answer.status !== 200 || (error.success && error.data.error.code !== 'ok')) {
    const code = error.success ? error.data.error.code : `http_${answer.status}`;
    throw new OAuthError(
      'other',
      `TikTok refused the request: ${error.success ? (error.data.error.message ?? code) : code}.`,
      answer.status,
      null,
      code,
    );
  }
  return expectShape(schema, answer.body, 'TikTok');
}

function user(ctx: ProviderContext, accessToken: string) {
  return api(
    ctx,
    accessToken,
    '/v2/user/info/?fields=open_id,avatar_url,display_name,username',
    { method: 'GET' },
    userAnswer,
  );
}

async function audience(ctx: ProviderContext, accessToken: string): Promise<Audience> {
  const creator = await api(
    ctx,
    accessToken,
    '/v2/post/publish/creator_info/query/',
    { method: 'POST', headers: { 'content-type': 'application/json; charset=UTF-8' }, body: '{}' },
    creatorAnswer,
  );
  return creator.data.privacy_level_options.includes('PUBLIC_TO_EVERYONE')
    ? 'public'
    : 'private_only';
}

function tokenSet(answer: z.infer<typeof tokenAnswer>, now: number): TokenSet {
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresAt: expiresAt(now, answer.expires_in),
    refreshExpiresAt: expiresAt(now, answer.refresh_expires_in),
    scopes: answer.scope.split(',').filter(Boolean),
    obtainedAt: now,
  };
}

export const tiktokProvider: OAuthProvider = {
  platform: 'tiktok',
  secretRequired: true,
  consoleUrl: 'https://developers.tiktok.com/apps',
  challengeEncoding: 'hex',
  requiredScopes: scopes,
  uploadScopes: ['video.publish'],
  authorizeUrl(ctx, { redirectUri, state, challenge }) {
    const url = new URL(ctx.endpoints.authorizeUrl);
    url.search = new URLSearchParams({
      client_key: ctx.clientId,
      response_type: 'code',
      scope: scopes.join(','),
      redirect_uri: redirectUri,
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  },
  async exchangeCode(ctx, { code, verifier, redirectUri }) {
    const now = ctx.now();
    const answer = await token(ctx, {
      client_key: ctx.clientId,
      client_secret: ctx.clientSecret ?? '',
      code,
      grant_type: 'authorization_code',
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    const found = (await user(ctx, answer.access_token)).data.user;
    return [
      {
        remoteId: answer.open_id,
        handle: found.username ?? found.display_name ?? answer.open_id,
        displayName: found.display_name ?? found.username ?? answer.open_id,
        avatarUrl: found.avatar_url ?? null,
        audience: await audience(ctx, answer.access_token),
        tokens: tokenSet(answer, now),
      },
    ];
  },
  async refresh(ctx, tokens) {
    if (!tokens.refreshToken) {
      throw new OAuthError(
        'invalid_grant',
        'No TikTok refresh token is stored. Reconnect the account.',
      );
    }
    const now = ctx.now();
    const answer = await token(ctx, {
      client_key: ctx.clientId,
      client_secret: ctx.clientSecret ?? '',
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken,
    });
    return tokenSet(answer, now);
  },
  async probe(ctx, accessToken) {
    const found = (await user(ctx, accessToken)).data.user;
    const reach = await audience(ctx, accessToken);
    return {
      remoteId: found.open_id,
      handle: found.username ?? found.display_name ?? found.open_id,
      audience: reach,
      audienceNote:
        reach === 'private_only'
          ? 'TikTok lets this app post only privately (SELF_ONLY) until TikTok audits it.'
          : null,
    };
  },
};

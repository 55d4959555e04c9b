import { z } from 'zod';
import { OAuthError, requestJson, type JsonAnswer } from '../oauth/oauth-http';
import {
  expectShape,
  expiresAt,
  type ConnectedIdentity,
  type OAuthProvider,
  type ProviderContext,
} from './provider';

const facebookScopes = [
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_posts',
  'publish_video',
];
const instagramScopes = [
  'pages_show_list',
  'instagram_basic',
  'instagram_content_publish',
  'business_management',
];

const tokenAnswer = z.object({ access_token: z.string(), expires_in: z.number().optional() });
const graphError = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
  }),
});
const pagesAnswer = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      access_token: z.string(),
      picture: z.object({ data: z.object({ url: z.string() }) }).optional(),
      instagram_business_account: z
        .object({
          id: z.string(),
          username: z.string(),
          name: z.string().optional(),
          profile_picture_url: z.string().optional(),
        })
        .optional(),
    }),
  ),
});
const permissionsAnswer = z.object({
  data: z.array(z.object({ permission: z.string(), status: z.string() })),
});
const nodeAnswer = z.object({
  id: z.string(),
  username: z.string().optional(),
  name: z.string().optional(),
});

/** Graph error 190 is Meta's word for a token it no longer honours (expired, revoked, changed password). */
function refusal(answer: JsonAnswer, what: string): OAuthError {
  const body = graphError.safeParse(answer.body);
  if (body.success && body.data.error.code === 190) {
    return new OAuthError(
      'invalid_grant',
      `Meta no longer accepts this sign-in (${body.data.error.message}). Reconnect the account.`,
      answer.status,
      null,
      'OAuthException_190',
    );
  }
  if (
    body.success &&
    (body.data.error.code === 4 || body.data.error.code === 32 || body.data.error.code === 613)
  ) {
    return new OAuthError(
      'rate',
      `${what}: ${body.data.error.message}`,
      answer.status,
      null,
      `code_${body.data.error.code}`,
    );
  }
  return new OAuthError(
    'other',
    `${what} was refused: ${body.success ? body.data.error.message : `HTTP ${answer.status}`}.`,
    answer.status,
  );
}

async function graph<T extends z.ZodType>(ctx: ProviderContext, url: URL, schema: T, what: string) {
  const answer = await requestJson(ctx.http, url.toString(), { method: 'GET' }, what, ctx.now);
  if (answer.status !== 200) throw refusal(answer, what);
  return expectShape(schema, answer.body, what);
}

function apiUrl(ctx: ProviderContext, path: string, params: Record<string, string>): URL {
  const base = ctx.endpoints.apiBaseUrl.replace(/\/$/, '');
  const url = new URL(`${base}${path}`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url;
}

async function longLivedUserToken(ctx: ProviderContext, shortToken: string) {
  const url = new URL(ctx.endpoints.tokenUrl);
  url.search = new URLSearchParams({
    grant_type: 'fb_exchange_token',
    client_id: ctx.clientId,
    client_secret: ctx.clientSecret ?? '',
    fb_exchange_token: shortToken,
  }).toString();
  return graph(ctx, url, tokenAnswer, 'Meta sign-in');
}

function pages(ctx: ProviderContext, userToken: string) {
  return graph(
    ctx,
    apiUrl(ctx, '/me/accounts', {
      fields:
        'id,name,access_token,picture{url},instagram_business_account{id,username,name,profile_picture_url}',
      access_token: userToken,
    }),
    pagesAnswer,
    'Meta',
  );
}

function metaProvider(product: 'facebook' | 'instagram'): OAuthProvider {
  const scopes = product === 'facebook' ? facebookScopes : instagramScopes;
  return {
    platform: product,
    secretRequired: true,
    consoleUrl: 'https://developers.facebook.com/apps',
    challengeEncoding: 'base64url',
    requiredScopes: scopes,
    uploadScopes:
      product === 'facebook'
        ? ['pages_manage_posts', 'publish_video']
        : ['instagram_content_publish'],
    authorizeUrl(ctx, { redirectUri, state, challenge }) {
      const url = new URL(ctx.endpoints.authorizeUrl);
      url.search = new URLSearchParams({
        client_id: ctx.clientId,
        redirect_uri: redirectUri,
        state,
        response_type: 'code',
        scope: scopes.join(','),
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }).toString();
      return url.toString();
    },
    async exchangeCode(ctx, { code, verifier, redirectUri }) {
      const now = ctx.now();
      const url = new URL(ctx.endpoints.tokenUrl);
      url.search = new URLSearchParams({
        client_id: ctx.clientId,
        client_secret: ctx.clientSecret ?? '',
        redirect_uri: redirectUri,
        code,
        code_verifier: verifier,
      }).toString();
      const short = await graph(ctx, url, tokenAnswer, 'Meta sign-in');
      const long = await longLivedUserToken(ctx, short.access_token);
      const granted = await graph(
        ctx,
        apiUrl(ctx, '/me/permissions', { access_token: long.access_token }),
        permissionsAnswer,
        'Meta',
      );
      const grantedScopes = granted.data
        .filter((p) => p.status === 'granted')
        .map((p) => p.permission);
      const found: ConnectedIdentity[] = [];
      for (const page of (await pages(ctx, long.access_token)).data) {
        const tokens = {
          accessToken: page.access_token,
          refreshToken: null,
          expiresAt: null,
          refreshExpiresAt: null,
          scopes: grantedScopes,
          obtainedAt: now,
          userToken: long.access_token,
          userTokenExpiresAt: expiresAt(now, long.expires_in),
        };
        if (product === 'facebook') {
          found.push({
            remoteId: page.id,
            handle: page.name,
            displayName: page.name,
            avatarUrl: page.picture?.data.url ?? null,
            audience: 'public',
            tokens,
          });
        } else if (page.instagram_business_account) {
          const ig = page.instagram_business_account;
          found.push({
            remoteId: ig.id,
            handle: `@${ig.username}`,
            displayName: ig.name ?? ig.username,
            avatarUrl: ig.profile_picture_url ?? null,
            audience: 'public',
            tokens,
          });
        }
      }
      if (found.length === 0) {
        throw new OAuthError(
          'other',
          product === 'facebook'
            ? 'This Facebook login manages no Pages, or none were shared with ReelPilot. Create a Page or grant access to one, then connect again.'
            : 'No Instagram professional account is linked to a Page this login manages. Link the Instagram account to a Facebook Page, then connect again.',
        );
      }
      return found;
    },
    async refresh(ctx, tokens, remoteId) {
      // Page tokens do not expire; a fresh one is derived from a renewed long-lived user token.
      if (!tokens.userToken) {
        throw new OAuthError(
          'invalid_grant',
          'No Meta user token is stored for this account. Reconnect it.',
        );
      }
      const now = ctx.now();
      const long = await longLivedUserToken(ctx, tokens.userToken);
      const page = (await pages(ctx, long.access_token)).data.find((p) =>
        product === 'facebook' ? p.id === remoteId : p.instagram_business_account?.id === remoteId,
      );
      if (!page) {
        throw new OAuthError(
          'invalid_grant',
          'This login no longer manages the Page (or its Instagram account). Reconnect the account.',
        );
      }
      return {
        ...tokens,
        accessToken: page.access_token,
        obtainedAt: now,
        userToken: long.access_token,
        userTokenExpiresAt: expiresAt(now, long.expires_in),
      };
    },
    async probe(ctx, accessToken, remoteId) {
      const fields = product === 'facebook' ? 'id,name' : 'id,username';
      const node = await graph(
        ctx,
        apiUrl(ctx, `/${encodeURIComponent(remoteId)}`, { fields, access_token: accessToken }),
        nodeAnswer,
        product === 'facebook' ? 'Facebook' : 'Instagram',
      );
      return {
        remoteId: node.id,
        handle: product === 'facebook' ? (node.name ?? node.id) : `@${node.username ?? node.id}`,
        audience: 'public',
        audienceNote: null,
      };
    },
  };
}

export const facebookProvider = metaProvider('facebook');
export const instagramProvider = metaProvider('instagram');

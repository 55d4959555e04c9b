import { randomBytes } from 'node:crypto';
import type { EmulatorRoute, RouteContext } from '../kit/emulator-kit';
import { authControlRoutes } from '../kit/oauth-emulation';
import type { TikTokEmulatorState } from './tiktok-emulator';

const logId = () => randomBytes(10).toString('hex').toUpperCase();

function tokenAnswer(
  state: TikTokEmulatorState,
  token: {
    accessToken: string;
    refreshToken: string;
    expiresAt: number;
    refreshExpiresAt: number;
    scopes: string[];
  },
) {
  const now = state.auth.now();
  return {
    access_token: token.accessToken,
    expires_in: Math.round((token.expiresAt - now) / 1000),
    open_id: state.user.openId,
    refresh_expires_in: Math.round((token.refreshExpiresAt - now) / 1000),
    refresh_token: token.refreshToken,
    scope: token.scopes.join(','),
    token_type: 'Bearer',
  };
}

function authorized(state: TikTokEmulatorState, c: RouteContext): boolean {
  const checked = state.auth.tokens.checkAccess(c.request.headers.authorization);
  if (!('error' in checked)) return true;
  c.send(401, {
    data: {},
    error: {
      code: 'access_token_invalid',
      message: 'The access token is invalid or not found in the request.',
      log_id: logId(),
    },
  });
  return false;
}

/** TikTok Login Kit (desktop PKCE, hex challenge), `/v2/user/info/` and creator_info. */
export function tiktokAuthRoutes(state: TikTokEmulatorState): EmulatorRoute[] {
  const { auth } = state;
  return [
    {
      name: 'tiktok.oauth.authorize',
      method: 'GET',
      path: /^\/v2\/auth\/authorize\/?$/,
      handle: (c) => auth.authorize(c, 'client_key', ','),
    },
    {
      name: 'tiktok.oauth.token',
      method: 'POST',
      path: /^\/v2\/oauth\/token\/?$/,
      handle: async (c) => {
        const form = await c.form();
        const fail = (error: string, description: string) =>
          c.send(400, { error, error_description: description, log_id: logId() });
        if (
          form.get('client_key') !== auth.app.clientId ||
          !auth.secretMatches(form.get('client_secret'))
        ) {
          return fail('invalid_client', 'Client key or secret is incorrect.');
        }
        const grant = form.get('grant_type');
        if (grant === 'authorization_code') {
          const redeemed = auth.redeem({
            code: form.get('code'),
            redirectUri: form.get('redirect_uri'),
            verifier: form.get('code_verifier'),
            clientId: form.get('client_key'),
          });
          if ('error' in redeemed) return fail(redeemed.error, redeemed.description);
          return c.send(
            200,
            tokenAnswer(state, auth.tokens.issue(state.user.openId, redeemed.scopes)),
          );
        }
        if (grant === 'refresh_token') {
          const token = auth.tokens.refresh(form.get('refresh_token') ?? '');
          if (!token) return fail('invalid_grant', 'Refresh token is invalid or expired.');
          return c.send(200, tokenAnswer(state, token));
        }
        fail('unsupported_grant_type', `Unsupported grant_type ${grant ?? ''}.`);
      },
    },
    {
      name: 'tiktok.user.info',
      method: 'GET',
      path: /^\/v2\/user\/info\/?$/,
      handle: (c) => {
        if (!authorized(state, c)) return;
        const fields = (c.url.searchParams.get('fields') ?? '').split(',');
        const all: Record<string, string> = {
          open_id: state.user.openId,
          union_id: `union-${state.user.openId}`,
          avatar_url: state.user.avatarUrl,
          display_name: state.user.displayName,
          username: state.user.username,
        };
        const user = Object.fromEntries(
          Object.entries(all).filter(([key]) => fields.includes(key)),
        );
        c.send(200, { data: { user }, error: { code: 'ok', message: '', log_id: logId() } });
      },
    },
    ...authControlRoutes('tiktok', auth),
  ];
}

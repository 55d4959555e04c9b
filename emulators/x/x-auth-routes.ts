import type { EmulatorRoute } from '../kit/emulator-kit';
import { authControlRoutes, OAuthEmulation } from '../kit/oauth-emulation';
import type { XEmulatorState } from './x-emulator';

/** X OAuth 2.0 (PKCE; public or confidential clients) and `GET /2/users/me`. */
export function xAuthRoutes(state: XEmulatorState): EmulatorRoute[] {
  const { auth } = state;
  const answer = (token: {
    accessToken: string;
    refreshToken: string;
    expiresAt: number;
    scopes: string[];
  }) => ({
    token_type: 'bearer',
    expires_in: Math.round((token.expiresAt - auth.now()) / 1000),
    access_token: token.accessToken,
    scope: token.scopes.join(' '),
    ...(token.scopes.includes('offline.access') ? { refresh_token: token.refreshToken } : {}),
  });
  return [
    {
      name: 'x.oauth.authorize',
      method: 'GET',
      path: /^\/i\/oauth2\/authorize$/,
      handle: (c) => auth.authorize(c, 'client_id', ' '),
    },
    {
      name: 'x.oauth.token',
      method: 'POST',
      path: /^\/2\/oauth2\/token$/,
      handle: async (c) => {
        const form = await c.form();
        const basic = OAuthEmulation.basicCredentials(c.request.headers.authorization);
        const clientId = basic?.id ?? form.get('client_id');
        if (clientId !== auth.app.clientId || (basic && !auth.secretMatches(basic.secret))) {
          return c.send(401, {
            error: 'unauthorized_client',
            error_description: 'Missing valid authorization header',
          });
        }
        const grant = form.get('grant_type');
        if (grant === 'authorization_code') {
          const redeemed = auth.redeem({
            code: form.get('code'),
            redirectUri: form.get('redirect_uri'),
            verifier: form.get('code_verifier'),
            clientId,
          });
          if ('error' in redeemed) {
            return c.send(400, {
              error: 'invalid_request',
              error_description: 'Value passed for the authorization code was invalid.',
            });
          }
          return c.send(200, answer(auth.tokens.issue(state.user.id, redeemed.scopes)));
        }
        if (grant === 'refresh_token') {
          const token = auth.tokens.refresh(form.get('refresh_token') ?? '');
          // X's own words for a dead refresh token.
          if (!token)
            return c.send(400, {
              error: 'invalid_request',
              error_description: 'Value passed for the token was invalid.',
            });
          return c.send(200, answer(token));
        }
        c.send(400, {
          error: 'invalid_request',
          error_description: 'Missing required parameter [grant_type].',
        });
      },
    },
    {
      name: 'x.users.me',
      method: 'GET',
      path: /^\/2\/users\/me$/,
      handle: (c) => {
        const checked = auth.tokens.checkAccess(c.request.headers.authorization);
        if ('error' in checked) {
          return c.send(401, {
            title: 'Unauthorized',
            type: 'about:blank',
            status: 401,
            detail: 'Unauthorized',
          });
        }
        const fields = (c.url.searchParams.get('user.fields') ?? '').split(',');
        c.send(200, {
          data: {
            id: state.user.id,
            name: state.user.name,
            username: state.user.username,
            ...(fields.includes('profile_image_url')
              ? { profile_image_url: state.user.profileImageUrl }
              : {}),
          },
        });
      },
    },
    ...authControlRoutes('x', auth),
  ];
}

import type { EmulatorRoute } from '../kit/emulator-kit';
import { authControlRoutes } from '../kit/oauth-emulation';
import type { YouTubeEmulatorState } from './youtube-emulator';

/** Google's OAuth endpoints (installed-app flow with PKCE) and `channels?mine=true`. */
export function youtubeAuthRoutes(state: YouTubeEmulatorState): EmulatorRoute[] {
  const { auth } = state;
  return [
    {
      name: 'youtube.oauth.authorize',
      method: 'GET',
      path: /^\/o\/oauth2\/v2\/auth$/,
      handle: (c) => auth.authorize(c, 'client_id', ' '),
    },
    {
      name: 'youtube.oauth.token',
      method: 'POST',
      path: /^\/token$/,
      handle: async (c) => {
        const form = await c.form();
        if (
          form.get('client_id') !== auth.app.clientId ||
          !auth.secretMatches(form.get('client_secret'))
        ) {
          return c.send(401, {
            error: 'invalid_client',
            error_description: 'The OAuth client was not found.',
          });
        }
        const grant = form.get('grant_type');
        if (grant === 'authorization_code') {
          const redeemed = auth.redeem({
            code: form.get('code'),
            redirectUri: form.get('redirect_uri'),
            verifier: form.get('code_verifier'),
            clientId: form.get('client_id'),
          });
          if ('error' in redeemed)
            return c.send(400, { error: redeemed.error, error_description: redeemed.description });
          const token = auth.tokens.issue(state.channel.id, redeemed.scopes);
          return c.send(200, {
            access_token: token.accessToken,
            expires_in: Math.round((token.expiresAt - auth.now()) / 1000),
            refresh_token: token.refreshToken,
            scope: token.scopes.join(' '),
            token_type: 'Bearer',
          });
        }
        if (grant === 'refresh_token') {
          const token = auth.tokens.refresh(form.get('refresh_token') ?? '');
          if (!token)
            return c.send(400, {
              error: 'invalid_grant',
              error_description: 'Token has been expired or revoked.',
            });
          return c.send(200, {
            access_token: token.accessToken,
            expires_in: Math.round((token.expiresAt - auth.now()) / 1000),
            scope: token.scopes.join(' '),
            token_type: 'Bearer',
          });
        }
        c.send(400, {
          error: 'unsupported_grant_type',
          error_description: `Invalid grant_type: ${grant ?? ''}`,
        });
      },
    },
    {
      name: 'youtube.channels',
      method: 'GET',
      path: /^\/youtube\/v3\/channels$/,
      handle: (c) => {
        const checked = auth.tokens.checkAccess(c.request.headers.authorization);
        if ('error' in checked) {
          return c.send(401, {
            error: {
              code: 401,
              message:
                'Request had invalid authentication credentials. Expected OAuth 2 access token.',
              status: 'UNAUTHENTICATED',
            },
          });
        }
        if (c.url.searchParams.get('mine') !== 'true') {
          return c.send(400, {
            error: { code: 400, message: 'No filter selected. Expected one of: mine, id.' },
          });
        }
        const { channel } = state;
        c.send(200, {
          kind: 'youtube#channelListResponse',
          pageInfo: { totalResults: 1, resultsPerPage: 5 },
          items: [
            {
              kind: 'youtube#channel',
              id: channel.id,
              snippet: {
                title: channel.title,
                customUrl: channel.customUrl,
                thumbnails: { default: { url: channel.avatarUrl, width: 88, height: 88 } },
              },
            },
          ],
        });
      },
    },
    ...authControlRoutes('youtube', auth),
  ];
}

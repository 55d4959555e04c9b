import type { EmulatorRoute } from '../kit/emulator-kit';
import { googleOAuthRoutes } from '../google/google-oauth-routes';
import { authControlRoutes } from '../kit/oauth-emulation';
import type { YouTubeEmulatorState } from './youtube-emulator';

/** Google's OAuth endpoints (installed-app flow with PKCE) and `channels?mine=true`. */
export function youtubeAuthRoutes(state: YouTubeEmulatorState): EmulatorRoute[] {
  const { auth } = state;
  return [
    ...googleOAuthRoutes('youtube', auth, () => state.channel.id),
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

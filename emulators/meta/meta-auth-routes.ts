import { randomBytes } from 'node:crypto';
import type { EmulatorRoute, RouteContext } from '../kit/emulator-kit';
import { authControlRoutes } from '../kit/oauth-emulation';
import type { MetaEmulatorState } from './meta-state';

const version = '(?:\\/v\\d+\\.\\d+)?';
const trace = () => randomBytes(8).toString('base64url');

function graphError(
  c: RouteContext,
  status: number,
  message: string,
  code: number,
  subcode?: number,
) {
  c.send(status, {
    error: {
      message,
      type: 'OAuthException',
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      fbtrace_id: trace(),
    },
  });
}

function tokenOf(c: RouteContext): string | null {
  const header = /^(?:Bearer|OAuth) (.+)$/.exec(c.request.headers.authorization ?? '')?.[1];
  return header ?? c.url.searchParams.get('access_token');
}

/** A user token (short- or long-lived) the login still honours; answers the Graph error otherwise. */
function userToken(state: MetaEmulatorState, c: RouteContext, value: string | null): boolean {
  const short = state.auth.tokens.checkAccessToken(value);
  const long = state.longLived.checkAccessToken(value);
  if (!('error' in short) || !('error' in long)) return true;
  const expired = short.error === 'expired' || long.error === 'expired';
  graphError(
    c,
    400,
    expired
      ? 'Error validating access token: Session has expired.'
      : 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
    190,
    expired ? 463 : 460,
  );
  return false;
}

/**
 * Meta's login for Facebook Pages and Instagram professional accounts: code exchange,
 * long-lived exchange, `/me/accounts` with Page tokens, `/me/permissions`, and the Page and
 * Instagram user nodes (only the seeded ids, so upload routes on other ids stay free).
 */
export function metaAuthRoutes(
  state: MetaEmulatorState,
  product: 'facebook' | 'instagram',
): EmulatorRoute[] {
  const { auth } = state;
  const nodeIds = state.pages.flatMap((p) => [p.id, ...(p.instagram ? [p.instagram.id] : [])]);
  return [
    {
      name: `${product}.oauth.authorize`,
      method: 'GET',
      path: new RegExp(`^${version}\\/dialog\\/oauth$`),
      handle: (c) => auth.authorize(c, 'client_id', ','),
    },
    {
      name: `${product}.oauth.access_token`,
      method: 'GET',
      path: new RegExp(`^${version}\\/oauth\\/access_token$`),
      handle: (c) => {
        const q = c.url.searchParams;
        if (
          q.get('client_id') !== auth.app.clientId ||
          !auth.secretMatches(q.get('client_secret'))
        ) {
          return graphError(c, 400, 'Error validating client secret.', 1);
        }
        if (q.get('grant_type') === 'fb_exchange_token') {
          if (!userToken(state, c, q.get('fb_exchange_token'))) return;
          const token = state.longLived.issue(state.user.id, state.grantedScopes);
          return c.send(200, {
            access_token: token.accessToken,
            token_type: 'bearer',
            expires_in: Math.round((token.expiresAt - auth.now()) / 1000),
          });
        }
        const redeemed = auth.redeem({
          code: q.get('code'),
          redirectUri: q.get('redirect_uri'),
          verifier: q.get('code_verifier'),
          clientId: q.get('client_id'),
        });
        if ('error' in redeemed)
          return graphError(
            c,
            400,
            `Invalid verification code format. (${redeemed.description})`,
            100,
            36009,
          );
        state.grantedScopes = redeemed.scopes;
        const token = auth.tokens.issue(state.user.id, redeemed.scopes);
        c.send(200, {
          access_token: token.accessToken,
          token_type: 'bearer',
          expires_in: Math.round((token.expiresAt - auth.now()) / 1000),
        });
      },
    },
    {
      name: `${product}.me.accounts`,
      method: 'GET',
      path: new RegExp(`^${version}\\/me\\/accounts$`),
      handle: (c) => {
        if (!userToken(state, c, tokenOf(c))) return;
        c.send(200, {
          data: state.pages.map((page) => ({
            id: page.id,
            name: page.name,
            access_token: state.pageTokens.issue(`page:${page.id}`, state.grantedScopes)
              .accessToken,
            category: 'Creator',
            tasks: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'],
            picture: { data: { url: page.pictureUrl } },
            ...(page.instagram
              ? {
                  instagram_business_account: {
                    id: page.instagram.id,
                    username: page.instagram.username,
                    name: page.instagram.name,
                    profile_picture_url: page.instagram.pictureUrl,
                  },
                }
              : {}),
          })),
          paging: { cursors: { before: 'QVFI', after: 'QVFI' } },
        });
      },
    },
    {
      name: `${product}.me.permissions`,
      method: 'GET',
      path: new RegExp(`^${version}\\/me\\/permissions$`),
      handle: (c) => {
        if (!userToken(state, c, tokenOf(c))) return;
        c.send(200, {
          data: state.grantedScopes.map((permission) => ({ permission, status: 'granted' })),
        });
      },
    },
    {
      name: `${product}.node`,
      method: 'GET',
      path: new RegExp(`^${version}\\/(${nodeIds.join('|')})$`),
      handle: (c) => {
        const checked = state.pageTokens.checkAccessToken(tokenOf(c));
        if ('error' in checked) {
          return graphError(
            c,
            400,
            'Error validating access token: The session has been invalidated.',
            190,
            460,
          );
        }
        const id = c.params[0];
        const page = state.pages.find((p) => p.id === id);
        const ig = state.pages.find((p) => p.instagram?.id === id)?.instagram;
        if (page) return c.send(200, { id: page.id, name: page.name });
        if (ig) return c.send(200, { id: ig.id, username: ig.username, name: ig.name });
        graphError(c, 404, 'Unsupported get request.', 100, 33);
      },
    },
    ...authControlRoutes(product, auth, () => {
      state.longLived.revokeAll();
      state.pageTokens.revokeAll();
    }),
  ];
}

import type { EmulatorRoute } from '../kit/emulator-kit';
import type { OAuthEmulation } from '../kit/oauth-emulation';

/**
 * Google's OAuth endpoints for installed apps (authorization code with PKCE, refresh), shared by
 * the YouTube and Drive emulators: one Google developer app signs in to both. `prefix` names the
 * routes for fault switches; every consent is given for `accountId`.
 */
export function googleOAuthRoutes(
  prefix: string,
  auth: OAuthEmulation,
  accountId: () => string,
): EmulatorRoute[] {
  return [
    {
      name: `${prefix}.oauth.authorize`,
      method: 'GET',
      path: /^\/o\/oauth2\/v2\/auth$/,
      handle: (c) => auth.authorize(c, 'client_id', ' '),
    },
    {
      name: `${prefix}.oauth.token`,
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
          const token = auth.tokens.issue(accountId(), redeemed.scopes);
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
      name: `${prefix}.oauth.revoke`,
      method: 'POST',
      path: /^\/revoke$/,
      handle: async (c) => {
        const token = (await c.form()).get('token') ?? c.url.searchParams.get('token') ?? '';
        if (!auth.tokens.revokeToken(token))
          return c.send(400, {
            error: 'invalid_token',
            error_description: 'Token expired or revoked',
          });
        c.send(200, {});
      },
    },
  ];
}

/** Where a client finds a Google emulator: OAuth at Google's paths, the APIs at its root. */
export function googleEndpointsAt(baseUrl: string) {
  return {
    authorizeUrl: `${baseUrl}/o/oauth2/v2/auth`,
    tokenUrl: `${baseUrl}/token`,
    apiBaseUrl: baseUrl,
    uploadBaseUrl: baseUrl,
  };
}

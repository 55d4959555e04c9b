import { startEmulator } from '../emulator-kit';
import { OAuthEmulation } from '../oauth-emulation';
import type { PlatformEmulatorOptions, RunningPlatformEmulator } from '../platform-emulator';
import { xAuthRoutes } from './x-auth-routes';

export interface XEmulatorState {
  auth: OAuthEmulation;
  user: { id: string; name: string; username: string; profileImageUrl: string };
}

export function createXState(options: PlatformEmulatorOptions = {}): XEmulatorState {
  return {
    auth: new OAuthEmulation({
      app: options.app ?? { clientId: 'c2FuZGJveC14LWNsaWVudA', clientSecret: 'sandbox-x-secret' },
      accountId: '1790000000000000001',
      accessTtlMs: options.accessTtlMs ?? 2 * 3600_000,
      refreshTtlMs: 180 * 24 * 3600_000,
      rotateRefresh: true,
      challengeEncoding: 'base64url',
      now: options.now,
    }),
    user: {
      id: '1790000000000000001',
      name: 'ReelPilot Sandbox',
      username: 'reelpilot_sbx',
      profileImageUrl: 'https://pbs.twimg.com/profile_images/sandbox_normal.jpg',
    },
  };
}

/** X's OAuth 2.0 and user lookup, locally. */
export async function startXEmulator(
  options: PlatformEmulatorOptions = {},
): Promise<RunningPlatformEmulator<XEmulatorState>> {
  const state = createXState(options);
  const running = await startEmulator({
    name: 'x',
    port: options.port,
    routes: [...xAuthRoutes(state)],
    state: () => ({ user: state.user, deny: state.auth.deny }),
  });
  return {
    ...running,
    state,
    endpoints: {
      authorizeUrl: `${running.baseUrl}/i/oauth2/authorize`,
      tokenUrl: `${running.baseUrl}/2/oauth2/token`,
      apiBaseUrl: running.baseUrl,
      uploadBaseUrl: running.baseUrl,
    },
  };
}

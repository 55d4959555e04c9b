import { startEmulator } from '../emulator-kit';
import { OAuthEmulation } from '../oauth-emulation';
import type { PlatformEmulatorOptions, RunningPlatformEmulator } from '../platform-emulator';
import { tiktokAuthRoutes } from './tiktok-auth-routes';

export interface TiktokEmulatorState {
  auth: OAuthEmulation;
  user: { openId: string; username: string; displayName: string; avatarUrl: string };
  /** Unaudited apps may only post privately (SELF_ONLY). */
  audited: boolean;
}

export function createTiktokState(
  options: PlatformEmulatorOptions & { audited?: boolean } = {},
): TiktokEmulatorState {
  return {
    auth: new OAuthEmulation({
      app: options.app ?? {
        clientId: 'sandboxtiktokclientkey',
        clientSecret: 'sandbox-tiktok-secret',
      },
      accountId: '-000sandboxOpenId',
      accessTtlMs: options.accessTtlMs ?? 24 * 3600_000,
      refreshTtlMs: 365 * 24 * 3600_000,
      rotateRefresh: true,
      challengeEncoding: 'hex',
      now: options.now,
    }),
    user: {
      openId: '-000sandboxOpenId',
      username: 'reelpilot.sandbox',
      displayName: 'ReelPilot Sandbox',
      avatarUrl: 'https://p16-sign.tiktokcdn.com/sandbox-avatar.jpeg',
    },
    audited: options.audited ?? false,
  };
}

/** TikTok Login Kit and the parts of the Content Posting API that describe the creator. */
export async function startTiktokEmulator(
  options: PlatformEmulatorOptions & { audited?: boolean } = {},
): Promise<RunningPlatformEmulator<TiktokEmulatorState>> {
  const state = createTiktokState(options);
  const running = await startEmulator({
    name: 'tiktok',
    port: options.port,
    routes: [...tiktokAuthRoutes(state)],
    state: () => ({ user: state.user, audited: state.audited, deny: state.auth.deny }),
  });
  return {
    ...running,
    state,
    endpoints: {
      authorizeUrl: `${running.baseUrl}/v2/auth/authorize/`,
      tokenUrl: `${running.baseUrl}/v2/oauth/token/`,
      apiBaseUrl: running.baseUrl,
      uploadBaseUrl: running.baseUrl,
    },
  };
}

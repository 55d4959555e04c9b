import { startEmulator } from '../emulator-kit';
import { OAuthEmulation } from '../oauth-emulation';
import type { PlatformEmulatorOptions, RunningPlatformEmulator } from '../platform-emulator';
import { youtubeAuthRoutes } from './youtube-auth-routes';

export interface YoutubeEmulatorState {
  auth: OAuthEmulation;
  channel: { id: string; title: string; customUrl: string; avatarUrl: string };
}

export function createYoutubeState(options: PlatformEmulatorOptions = {}): YoutubeEmulatorState {
  return {
    auth: new OAuthEmulation({
      app: options.app ?? {
        clientId: 'sandbox-youtube.apps.googleusercontent.com',
        clientSecret: 'sandbox-youtube-secret',
      },
      accountId: 'UCsandbox00000000000000a1',
      accessTtlMs: options.accessTtlMs ?? 3600_000,
      refreshTtlMs: 7 * 24 * 3600_000,
      rotateRefresh: false,
      challengeEncoding: 'base64url',
      now: options.now,
    }),
    channel: {
      id: 'UCsandbox00000000000000a1',
      title: 'ReelPilot Sandbox',
      customUrl: '@reelpilotsandbox',
      avatarUrl: 'https://yt3.ggpht.com/sandbox-avatar.jpg',
    },
  };
}

/** Google OAuth and the YouTube Data API, locally. */
export async function startYoutubeEmulator(
  options: PlatformEmulatorOptions = {},
): Promise<RunningPlatformEmulator<YoutubeEmulatorState>> {
  const state = createYoutubeState(options);
  const running = await startEmulator({
    name: 'youtube',
    port: options.port,
    routes: [...youtubeAuthRoutes(state)],
    state: () => ({ channel: state.channel, deny: state.auth.deny }),
  });
  return {
    ...running,
    state,
    endpoints: {
      authorizeUrl: `${running.baseUrl}/o/oauth2/v2/auth`,
      tokenUrl: `${running.baseUrl}/token`,
      apiBaseUrl: running.baseUrl,
      uploadBaseUrl: running.baseUrl,
    },
  };
}

import { googleEndpointsAt } from '../google/google-oauth-routes';
import { startEmulator } from '../kit/emulator-kit';
import { OAuthEmulation } from '../kit/oauth-emulation';
import type { PlatformEmulatorOptions, RunningPlatformEmulator } from '../kit/platform-emulator';
import { youtubeAuthRoutes } from './youtube-auth-routes';
import {
  applyYouTubeSwitches,
  createYouTubeUploadState,
  describeYouTubeState,
  type YouTubeUploadState,
  type YouTubeUploadStateOptions,
} from './youtube-emulator-state';
import { youtubeUploadRoutes } from './youtube-upload-routes';

/** One state for the whole emulator: the OAuth side's tokens are the ones uploads accept. */
export interface YouTubeEmulatorState extends YouTubeUploadState {
  auth: OAuthEmulation;
  channel: { id: string; title: string; customUrl: string; avatarUrl: string };
}

export type YouTubeEmulatorOptions = PlatformEmulatorOptions &
  Omit<YouTubeUploadStateOptions, 'tokens'>;
export type YouTubeEmulator = RunningPlatformEmulator<YouTubeEmulatorState>;

export function createYouTubeState(options: YouTubeEmulatorOptions = {}): YouTubeEmulatorState {
  const auth = new OAuthEmulation({
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
  });
  return Object.assign(createYouTubeUploadState({ ...options, tokens: auth.tokens }), {
    auth,
    channel: {
      id: 'UCsandbox00000000000000a1',
      title: 'ReelPilot Sandbox',
      customUrl: '@reelpilotsandbox',
      avatarUrl: 'https://yt3.ggpht.com/sandbox-avatar.jpg',
    },
  });
}

/** Google OAuth and the YouTube Data API (channels, resumable uploads, videos), locally. */
export async function startYouTubeEmulator(
  options: YouTubeEmulatorOptions = {},
): Promise<YouTubeEmulator> {
  const state = createYouTubeState(options);
  const running = await startEmulator({
    name: 'youtube',
    port: options.port,
    routes: [...youtubeAuthRoutes(state), ...youtubeUploadRoutes(state)],
    state: () => ({
      channel: state.channel,
      deny: state.auth.deny,
      ...describeYouTubeState(state),
    }),
    switches: (input) => applyYouTubeSwitches(state, input),
  });
  return {
    ...running,
    state,
    endpoints: googleEndpointsAt(running.baseUrl),
  };
}

import { startEmulator } from '../kit/emulator-kit';
import { OAuthEmulation } from '../kit/oauth-emulation';
import type { PlatformEmulatorOptions, RunningPlatformEmulator } from '../kit/platform-emulator';
import { tiktokAuthRoutes } from './tiktok-auth-routes';
import {
  applyTikTokSwitches,
  createTikTokUploadState,
  describeTikTokState,
  type TikTokUploadState,
  type TikTokUploadStateOptions,
} from './tiktok-emulator-state';
import { tiktokUploadRoutes } from './tiktok-upload-routes';

/** One state for the whole emulator: the OAuth side's tokens are the ones uploads accept. */
export interface TikTokEmulatorState extends TikTokUploadState {
  auth: OAuthEmulation;
  user: { openId: string; username: string; displayName: string; avatarUrl: string };
}

export type TikTokEmulatorOptions = PlatformEmulatorOptions &
  Omit<TikTokUploadStateOptions, 'tokens'>;
export type TikTokEmulator = RunningPlatformEmulator<TikTokEmulatorState>;

export function createTikTokState(options: TikTokEmulatorOptions = {}): TikTokEmulatorState {
  const auth = new OAuthEmulation({
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
  });
  // A new TikTok app is unaudited: posts stay private until TikTok audits it.
  const upload = createTikTokUploadState({
    ...options,
    audited: options.audited ?? false,
    tokens: auth.tokens,
  });
  return Object.assign(upload, {
    auth,
    user: {
      openId: '-000sandboxOpenId',
      username: 'reelpilot.sandbox',
      displayName: 'ReelPilot Sandbox',
      avatarUrl: 'https://p16-sign.tiktokcdn.com/sandbox-avatar.jpeg',
    },
  });
}

/** TikTok Login Kit and the Content Posting API (creator info, chunked posts, status), locally. */
export async function startTikTokEmulator(
  options: TikTokEmulatorOptions = {},
): Promise<TikTokEmulator> {
  const state = createTikTokState(options);
  const running = await startEmulator({
    name: 'tiktok',
    port: options.port,
    routes: [...tiktokAuthRoutes(state), ...tiktokUploadRoutes(state)],
    state: () => ({ user: state.user, deny: state.auth.deny, ...describeTikTokState(state) }),
    switches: (input) => applyTikTokSwitches(state, input),
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

import { startEmulator } from '../kit/emulator-kit';
import { OAuthEmulation } from '../kit/oauth-emulation';
import type { PlatformEmulatorOptions, RunningPlatformEmulator } from '../kit/platform-emulator';
import { xAuthRoutes } from './x-auth-routes';
import {
  applyXSwitches,
  createXUploadState,
  describeXState,
  type XUploadState,
  type XUploadStateOptions,
} from './x-emulator-state';
import { xUploadRoutes } from './x-upload-routes';

/** One state for the whole emulator: the OAuth side's tokens are the ones uploads accept. */
export interface XEmulatorState extends XUploadState {
  auth: OAuthEmulation;
  user: { id: string; name: string; username: string; profileImageUrl: string };
}

export type XEmulatorOptions = PlatformEmulatorOptions & Omit<XUploadStateOptions, 'tokens'>;
export type XEmulator = RunningPlatformEmulator<XEmulatorState>;

export function createXState(options: XEmulatorOptions = {}): XEmulatorState {
  const auth = new OAuthEmulation({
    app: options.app ?? { clientId: 'c2FuZGJveC14LWNsaWVudA', clientSecret: 'sandbox-x-secret' },
    accountId: '1790000000000000001',
    accessTtlMs: options.accessTtlMs ?? 2 * 3600_000,
    refreshTtlMs: 180 * 24 * 3600_000,
    rotateRefresh: true,
    challengeEncoding: 'base64url',
    now: options.now,
  });
  return Object.assign(createXUploadState({ ...options, tokens: auth.tokens }), {
    auth,
    user: {
      id: '1790000000000000001',
      name: 'ReelPilot Sandbox',
      username: 'reelpilot_sbx',
      profileImageUrl: 'https://pbs.twimg.com/profile_images/sandbox_normal.jpg',
    },
  });
}

/** X's OAuth 2.0, user lookup, chunked media upload and tweets, locally. */
export async function startXEmulator(options: XEmulatorOptions = {}): Promise<XEmulator> {
  const state = createXState(options);
  const running = await startEmulator({
    name: 'x',
    port: options.port,
    routes: [...xAuthRoutes(state), ...xUploadRoutes(state)],
    state: () => ({ user: state.user, deny: state.auth.deny, ...describeXState(state) }),
    switches: (input) => applyXSwitches(state, input),
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

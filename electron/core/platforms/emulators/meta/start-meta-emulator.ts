import { startEmulator, type EmulatorRoute } from '../emulator-kit';
import type { PlatformEmulatorOptions, RunningPlatformEmulator } from '../platform-emulator';
import { createMetaState, type MetaEmulatorState } from './meta-state';

/** Starts one Meta Graph emulator (Facebook and Instagram each run their own). */
export async function startMetaEmulator(
  name: 'facebook' | 'instagram',
  options: PlatformEmulatorOptions,
  routes: (state: MetaEmulatorState) => EmulatorRoute[],
): Promise<RunningPlatformEmulator<MetaEmulatorState>> {
  const state = createMetaState(options);
  const running = await startEmulator({
    name,
    port: options.port,
    routes: routes(state),
    state: () => ({ user: state.user, pages: state.pages, deny: state.auth.deny }),
  });
  return {
    ...running,
    state,
    endpoints: {
      authorizeUrl: `${running.baseUrl}/v21.0/dialog/oauth`,
      tokenUrl: `${running.baseUrl}/v21.0/oauth/access_token`,
      apiBaseUrl: `${running.baseUrl}/v21.0`,
      uploadBaseUrl: running.baseUrl,
    },
  };
}

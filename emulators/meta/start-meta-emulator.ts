import { startEmulator, type EmulatorRoute } from '../kit/emulator-kit';
import type { PlatformEmulatorOptions, RunningPlatformEmulator } from '../kit/platform-emulator';
import { createMetaState, type MetaEmulatorState } from './meta-state';

/** How one Meta product (Facebook Pages or Instagram) adds its upload side to the login side. */
export interface MetaProduct<U> {
  name: 'facebook' | 'instagram';
  /** The upload state, accepting the Page tokens the login side hands out. */
  createUploadState(meta: MetaEmulatorState): U;
  authRoutes(state: MetaEmulatorState): EmulatorRoute[];
  uploadRoutes(state: U): EmulatorRoute[];
  describe(state: U): Record<string, unknown>;
  applySwitches(state: U, input: unknown): void;
}

/** Starts one Meta Graph emulator (Facebook and Instagram each run their own). */
export async function startMetaEmulator<U extends object>(
  product: MetaProduct<U>,
  options: PlatformEmulatorOptions,
): Promise<RunningPlatformEmulator<MetaEmulatorState & U>> {
  const meta = createMetaState(options);
  const state: MetaEmulatorState & U = Object.assign(product.createUploadState(meta), meta);
  const running = await startEmulator({
    name: product.name,
    port: options.port,
    // Login nodes first: `GET /{id}` of a Page or IG user is theirs, other ids are containers.
    routes: [...product.authRoutes(state), ...product.uploadRoutes(state)],
    state: () => ({
      user: state.user,
      pages: state.pages,
      deny: state.auth.deny,
      ...product.describe(state),
    }),
    switches: (input) => product.applySwitches(state, input),
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

import { startEmulator, type RunningEmulator } from '../emulator-kit';
import {
  createFacebookState,
  applyFacebookSwitches,
  describeFacebookState,
  type FacebookEmulatorState,
  type FacebookStateOptions,
} from './facebook-emulator-state';
import { facebookUploadRoutes } from './facebook-upload-routes';

export interface FacebookEmulator extends RunningEmulator {
  state: FacebookEmulatorState;
}

export async function startFacebookEmulator(
  options: FacebookStateOptions & { port?: number } = {},
): Promise<FacebookEmulator> {
  const state = createFacebookState(options);
  const running = await startEmulator({
    name: 'facebook',
    port: options.port,
    routes: [...facebookUploadRoutes(state)],
    state: () => describeFacebookState(state),
    switches: (input) => applyFacebookSwitches(state, input),
  });
  return { ...running, state };
}

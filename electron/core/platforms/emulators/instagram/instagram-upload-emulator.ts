import { startEmulator, type RunningEmulator } from '../emulator-kit';
import {
  createInstagramState,
  applyInstagramSwitches,
  describeInstagramState,
  type InstagramEmulatorState,
  type InstagramStateOptions,
} from './instagram-emulator-state';
import { instagramUploadRoutes } from './instagram-upload-routes';

export interface InstagramEmulator extends RunningEmulator {
  state: InstagramEmulatorState;
}

export async function startInstagramEmulator(
  options: InstagramStateOptions & { port?: number } = {},
): Promise<InstagramEmulator> {
  const state = createInstagramState(options);
  const running = await startEmulator({
    name: 'instagram',
    port: options.port,
    routes: [...instagramUploadRoutes(state)],
    state: () => describeInstagramState(state),
    switches: (input) => applyInstagramSwitches(state, input),
  });
  return { ...running, state };
}

import { startEmulator, type RunningEmulator } from '../emulator-kit';
import {
  createTikTokState,
  applyTikTokSwitches,
  describeTikTokState,
  type TikTokEmulatorState,
  type TikTokStateOptions,
} from './tiktok-emulator-state';
import { tiktokUploadRoutes } from './tiktok-upload-routes';

export interface TikTokEmulator extends RunningEmulator {
  state: TikTokEmulatorState;
}

export async function startTikTokEmulator(
  options: TikTokStateOptions & { port?: number } = {},
): Promise<TikTokEmulator> {
  const state = createTikTokState(options);
  const running = await startEmulator({
    name: 'tiktok',
    port: options.port,
    routes: [...tiktokUploadRoutes(state)],
    state: () => describeTikTokState(state),
    switches: (input) => applyTikTokSwitches(state, input),
  });
  return { ...running, state };
}

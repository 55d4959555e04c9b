import { startEmulator, type RunningEmulator } from '../emulator-kit';
import {
  createYouTubeState,
  applyYouTubeSwitches,
  describeYouTubeState,
  type YouTubeEmulatorState,
  type YouTubeStateOptions,
} from './youtube-emulator-state';
import { youtubeUploadRoutes } from './youtube-upload-routes';

export interface YouTubeEmulator extends RunningEmulator {
  state: YouTubeEmulatorState;
}

export async function startYouTubeEmulator(
  options: YouTubeStateOptions & { port?: number } = {},
): Promise<YouTubeEmulator> {
  const state = createYouTubeState(options);
  const running = await startEmulator({
    name: 'youtube',
    port: options.port,
    routes: [...youtubeUploadRoutes(state)],
    state: () => describeYouTubeState(state),
    switches: (input) => applyYouTubeSwitches(state, input),
  });
  return { ...running, state };
}

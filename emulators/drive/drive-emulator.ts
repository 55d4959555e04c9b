import { startEmulator, type RunningEmulator } from '../kit/emulator-kit';
import {
  createDriveState,
  applyDriveSwitches,
  describeDriveState,
  type DriveEmulatorState,
  type DriveStateOptions,
} from './drive-emulator-state';
import { driveUploadRoutes } from './drive-upload-routes';

export interface DriveEmulator extends RunningEmulator {
  state: DriveEmulatorState;
}

export async function startDriveEmulator(
  options: DriveStateOptions & { port?: number } = {},
): Promise<DriveEmulator> {
  const state = createDriveState(options);
  const running = await startEmulator({
    name: 'drive',
    port: options.port,
    routes: [...driveUploadRoutes(state)],
    state: () => describeDriveState(state),
    switches: (input) => applyDriveSwitches(state, input),
  });
  return { ...running, state };
}

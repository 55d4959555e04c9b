import { startEmulator } from '../kit/emulator-kit';
import { authControlRoutes } from '../kit/oauth-emulation';
import type { PlatformEmulatorOptions, RunningPlatformEmulator } from '../kit/platform-emulator';
import { googleEndpointsAt, googleOAuthRoutes } from '../google/google-oauth-routes';
import {
  applyDriveSwitches,
  createDriveState,
  describeDriveState,
  removeDriveContent,
  type DriveEmulatorState,
  type DriveStateOptions,
} from './drive-emulator-state';
import { driveFileRoutes } from './drive-file-routes';
import { driveUploadRoutes } from './drive-upload-routes';

export type DriveEmulator = RunningPlatformEmulator<DriveEmulatorState>;

/**
 * Google Drive v3 as an app with the `drive.file` scope sees it, locally: Google's OAuth,
 * resumable uploads (content kept in a temp folder), folders, `files.list` queries on app
 * properties and parents, downloads with Range, deletion, `about` (user and storage quota), the
 * per-user rate limit and a full Drive, with switches for expired tokens and dropped connections.
 */
export async function startDriveEmulator(
  options: DriveStateOptions & Pick<PlatformEmulatorOptions, 'port'> = {},
): Promise<DriveEmulator> {
  const state = createDriveState(options);
  const running = await startEmulator({
    name: 'drive',
    port: options.port,
    routes: [
      ...googleOAuthRoutes('drive', state.auth, () => state.user.permissionId),
      ...authControlRoutes('drive', state.auth),
      ...driveUploadRoutes(state),
      ...driveFileRoutes(state),
    ],
    state: () => describeDriveState(state),
    switches: (input) => applyDriveSwitches(state, input),
  });
  return {
    ...running,
    state,
    endpoints: googleEndpointsAt(running.baseUrl),
    close: async () => {
      await running.close();
      removeDriveContent(state);
    },
  };
}

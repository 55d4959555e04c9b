import type { MetaEmulatorState } from '../meta/meta-state';
import { startMetaEmulator } from '../meta/start-meta-emulator';
import type { PlatformEmulatorOptions, RunningPlatformEmulator } from '../kit/platform-emulator';
import { instagramAuthRoutes } from './instagram-auth-routes';
import {
  applyInstagramSwitches,
  createInstagramUploadState,
  describeInstagramState,
  type InstagramUploadState,
  type InstagramUploadStateOptions,
} from './instagram-emulator-state';
import { instagramUploadRoutes } from './instagram-upload-routes';

export type InstagramEmulatorState = MetaEmulatorState & InstagramUploadState;
export type InstagramEmulatorOptions = PlatformEmulatorOptions &
  Omit<InstagramUploadStateOptions, 'tokens'>;
export type InstagramEmulator = RunningPlatformEmulator<InstagramEmulatorState>;

/** Meta's login, IG user nodes and Reels containers, as the Instagram side uses them. */
export function startInstagramEmulator(
  options: InstagramEmulatorOptions = {},
): Promise<InstagramEmulator> {
  return startMetaEmulator(
    {
      name: 'instagram',
      createUploadState: (meta) =>
        createInstagramUploadState({ ...options, tokens: meta.pageTokens }),
      authRoutes: instagramAuthRoutes,
      uploadRoutes: instagramUploadRoutes,
      describe: describeInstagramState,
      applySwitches: applyInstagramSwitches,
    },
    options,
  );
}

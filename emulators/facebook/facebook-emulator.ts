import type { MetaEmulatorState } from '../meta/meta-state';
import { startMetaEmulator } from '../meta/start-meta-emulator';
import type { PlatformEmulatorOptions, RunningPlatformEmulator } from '../kit/platform-emulator';
import { facebookAuthRoutes } from './facebook-auth-routes';
import {
  applyFacebookSwitches,
  createFacebookUploadState,
  describeFacebookState,
  type FacebookUploadState,
  type FacebookUploadStateOptions,
} from './facebook-emulator-state';
import { facebookUploadRoutes } from './facebook-upload-routes';

export type FacebookEmulatorState = MetaEmulatorState & FacebookUploadState;
export type FacebookEmulatorOptions = PlatformEmulatorOptions &
  Omit<FacebookUploadStateOptions, 'tokens'>;
export type FacebookEmulator = RunningPlatformEmulator<FacebookEmulatorState>;

/** Meta's login, Page nodes and Reels publishing (rupload), as the Facebook side uses them. */
export function startFacebookEmulator(
  options: FacebookEmulatorOptions = {},
): Promise<FacebookEmulator> {
  return startMetaEmulator(
    {
      name: 'facebook',
      createUploadState: (meta) =>
        createFacebookUploadState({ ...options, tokens: meta.pageTokens }),
      authRoutes: facebookAuthRoutes,
      uploadRoutes: facebookUploadRoutes,
      describe: describeFacebookState,
      applySwitches: applyFacebookSwitches,
    },
    options,
  );
}

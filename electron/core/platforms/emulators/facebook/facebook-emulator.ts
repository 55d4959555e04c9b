import type { MetaEmulatorState } from '../meta/meta-state';
import { startMetaEmulator } from '../meta/start-meta-emulator';
import type { PlatformEmulatorOptions, RunningPlatformEmulator } from '../platform-emulator';
import { facebookAuthRoutes } from './facebook-auth-routes';

export type FacebookEmulatorState = MetaEmulatorState;

/** Meta's login and Graph nodes as the Facebook side of ReelPilot uses them. */
export function startFacebookEmulator(
  options: PlatformEmulatorOptions = {},
): Promise<RunningPlatformEmulator<FacebookEmulatorState>> {
  return startMetaEmulator('facebook', options, (state) => [...facebookAuthRoutes(state)]);
}

import type { MetaEmulatorState } from '../meta/meta-state';
import { startMetaEmulator } from '../meta/start-meta-emulator';
import type { PlatformEmulatorOptions, RunningPlatformEmulator } from '../platform-emulator';
import { instagramAuthRoutes } from './instagram-auth-routes';

export type InstagramEmulatorState = MetaEmulatorState;

/** Meta's login and Graph nodes as the Instagram side of ReelPilot uses them. */
export function startInstagramEmulator(
  options: PlatformEmulatorOptions = {},
): Promise<RunningPlatformEmulator<InstagramEmulatorState>> {
  return startMetaEmulator('instagram', options, (state) => [...instagramAuthRoutes(state)]);
}

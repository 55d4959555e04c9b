import type { PlatformEndpoints } from '../../shared/domain/platforms';
import type { RunningEmulator } from './emulator-kit';
import type { EmulatedApp } from './oauth-emulation';

export interface PlatformEmulatorOptions {
  port?: number;
  now?: () => number;
  /** The developer app the emulator accepts (defaults: a sandbox app per platform). */
  app?: EmulatedApp;
  accessTtlMs?: number;
}

export interface RunningPlatformEmulator<S> extends RunningEmulator {
  state: S;
  /** The endpoint overrides that point the app at this emulator. */
  endpoints: PlatformEndpoints;
}

import type { RunningEmulator } from './emulator-kit';
import type { EmulatedApp } from './oauth-emulation';

export interface PlatformEmulatorOptions {
  port?: number;
  now?: () => number;
  /** The developer app the emulator accepts (defaults: a sandbox app per platform). */
  app?: EmulatedApp;
  accessTtlMs?: number;
}

/**
 * Where a client finds this emulator, named the way OAuth clients and the platforms' docs name
 * them; a client points its own endpoint settings at these addresses.
 */
export interface EmulatedEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  apiBaseUrl: string;
  uploadBaseUrl: string;
}

export interface RunningPlatformEmulator<S> extends RunningEmulator {
  state: S;
  /** The addresses that point a client at this emulator. */
  endpoints: EmulatedEndpoints;
}

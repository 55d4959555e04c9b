import type { EndpointOverrides, PlatformId } from '../shared/domain/platforms';
import { startFacebookEmulator, type FacebookEmulatorState } from './facebook/facebook-emulator';
import {
  startInstagramEmulator,
  type InstagramEmulatorState,
} from './instagram/instagram-emulator';
import type { EmulatedApp } from './kit/oauth-emulation';
import type { PlatformEmulatorOptions, RunningPlatformEmulator } from './kit/platform-emulator';
import { startTiktokEmulator, type TiktokEmulatorState } from './tiktok/tiktok-emulator';
import { startXEmulator, type XEmulatorState } from './x/x-emulator';
import { startYoutubeEmulator, type YoutubeEmulatorState } from './youtube/youtube-emulator';

export interface RunningEmulators {
  emulators: {
    youtube: RunningPlatformEmulator<YoutubeEmulatorState>;
    tiktok: RunningPlatformEmulator<TiktokEmulatorState>;
    instagram: RunningPlatformEmulator<InstagramEmulatorState>;
    facebook: RunningPlatformEmulator<FacebookEmulatorState>;
    x: RunningPlatformEmulator<XEmulatorState>;
  };
  /** Points the engine at the emulators. */
  endpointOverrides: EndpointOverrides;
  /** The developer app each emulator accepts, for the person's Settings. */
  apps: Record<PlatformId, EmulatedApp>;
  close(): Promise<void>;
}

/** Every platform's emulator on its own loopback port (the `--emulators` sandbox and tests). */
export async function startAllEmulators(
  options: PlatformEmulatorOptions = {},
): Promise<RunningEmulators> {
  const { port: _ignored, ...shared } = options;
  const started = await Promise.all([
    startYoutubeEmulator(shared),
    startTiktokEmulator(shared),
    startInstagramEmulator(shared),
    startFacebookEmulator(shared),
    startXEmulator(shared),
  ]);
  const [youtube, tiktok, instagram, facebook, x] = started;
  const emulators = { youtube, tiktok, instagram, facebook, x };
  const ids = Object.keys(emulators) as PlatformId[];
  return {
    emulators,
    endpointOverrides: Object.fromEntries(ids.map((id) => [id, emulators[id].endpoints])),
    apps: Object.fromEntries(ids.map((id) => [id, emulators[id].state.auth.app])) as Record<
      PlatformId,
      EmulatedApp
    >,
    close: async () => {
      await Promise.all(started.map((e) => e.close()));
    },
  };
}

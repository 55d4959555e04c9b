import { startDriveEmulator, type DriveEmulator } from './drive/drive-emulator';
import { startFacebookEmulator, type FacebookEmulatorState } from './facebook/facebook-emulator';
import {
  startInstagramEmulator,
  type InstagramEmulatorState,
} from './instagram/instagram-emulator';
import type { EmulatedApp } from './kit/oauth-emulation';
import type {
  EmulatedEndpoints,
  PlatformEmulatorOptions,
  RunningPlatformEmulator,
} from './kit/platform-emulator';
import { startTikTokEmulator, type TikTokEmulatorState } from './tiktok/tiktok-emulator';
import { startXEmulator, type XEmulatorState } from './x/x-emulator';
import { startYouTubeEmulator, type YouTubeEmulatorState } from './youtube/youtube-emulator';

export type EmulatedPlatform = 'youtube' | 'tiktok' | 'instagram' | 'facebook' | 'x';

export interface RunningEmulators {
  emulators: {
    youtube: RunningPlatformEmulator<YouTubeEmulatorState>;
    tiktok: RunningPlatformEmulator<TikTokEmulatorState>;
    instagram: RunningPlatformEmulator<InstagramEmulatorState>;
    facebook: RunningPlatformEmulator<FacebookEmulatorState>;
    x: RunningPlatformEmulator<XEmulatorState>;
  };
  /** Google Drive, signed in to with the YouTube emulator's developer app (one Google app). */
  drive: DriveEmulator;
  /** Each platform's and Drive's addresses: what a client's endpoint overrides are set to. */
  endpointOverrides: Record<EmulatedPlatform | 'drive', EmulatedEndpoints>;
  /** The developer app each emulator accepts, for the person's Settings. */
  apps: Record<EmulatedPlatform, EmulatedApp>;
  close(): Promise<void>;
}

/**
 * Every platform's emulator, and Drive's, on its own loopback port (the `--emulators` sandbox
 * and tests).
 */
export async function startAllEmulators(
  options: PlatformEmulatorOptions = {},
): Promise<RunningEmulators> {
  const { port: _ignored, ...shared } = options;
  const started = await Promise.all([
    startYouTubeEmulator(shared),
    startTikTokEmulator(shared),
    startInstagramEmulator(shared),
    startFacebookEmulator(shared),
    startXEmulator(shared),
  ]);
  const [youtube, tiktok, instagram, facebook, x] = started;
  const emulators = { youtube, tiktok, instagram, facebook, x };
  const ids = Object.keys(emulators) as EmulatedPlatform[];
  const drive = await startDriveEmulator({ ...shared, app: youtube.state.auth.app });
  return {
    emulators,
    drive,
    endpointOverrides: {
      ...(Object.fromEntries(ids.map((id) => [id, emulators[id].endpoints])) as Record<
        EmulatedPlatform,
        EmulatedEndpoints
      >),
      drive: drive.endpoints,
    },
    apps: Object.fromEntries(ids.map((id) => [id, emulators[id].state.auth.app])) as Record<
      EmulatedPlatform,
      EmulatedApp
    >,
    close: async () => {
      await Promise.all([...started, drive].map((e) => e.close()));
    },
  };
}

/**
 * The five emulators the soak runs against, and the adapters' timings that fit them: kept
 * apart from the run loop (soak.ts) and the fault switches (soak-faults.ts).
 */
import { startFacebookEmulator } from '../../../../emulators/facebook/facebook-emulator';
import { facebookPosts } from '../../../../emulators/facebook/facebook-emulator-state';
import { startInstagramEmulator } from '../../../../emulators/instagram/instagram-emulator';
import type { RunningEmulator, TokenRegistry } from '../../../../emulators/kit/emulator-kit';
import type { EmulatedEndpoints } from '../../../../emulators/kit/platform-emulator';
import { startTikTokEmulator } from '../../../../emulators/tiktok/tiktok-emulator';
import { startXEmulator } from '../../../../emulators/x/x-emulator';
import { startYouTubeEmulator } from '../../../../emulators/youtube/youtube-emulator';
import type { PlatformId } from '../../../../shared/domain/platforms';

export const KiB = 1024;
export const platforms: PlatformId[] = ['youtube', 'tiktok', 'instagram', 'facebook', 'x'];

const chunkRules = {
  minChunkBytes: 64 * KiB,
  maxChunkBytes: 256 * KiB,
  maxFinalChunkBytes: 512 * KiB,
};

/** The adapters' and uploads' timings in the child: every wait short, every deadline small. */
export const platformSettings = {
  runtime: {
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 400 },
    pollIntervalMs: 40,
    maxStatusPolls: 8,
    timeouts: { connectMs: 2_000, idleMs: 2_500, totalMs: 30_000 },
    lookupSettleMs: 300,
  },
  youtubeChunkBytes: 256 * KiB,
  tiktokChunkBytes: 100 * KiB,
  tiktokChunkRules: chunkRules,
  metaChunkBytes: 96 * KiB,
  xSegmentBytes: 96 * KiB,
};

/** What the soak uses of each emulator: its faults, tokens, processing switch and app. */
interface SoakEmulator extends RunningEmulator {
  state: {
    tokens: TokenRegistry;
    processingPolls: number;
    auth: { app: { clientId: string; clientSecret: string } };
  };
  endpoints: EmulatedEndpoints;
}

export interface Emulators {
  byPlatform: Record<PlatformId, SoakEmulator>;
  close(): Promise<void>;
}

export async function startEmulators(): Promise<Emulators & { posted(): Map<string, number> }> {
  const [youtube, tiktok, instagram, facebook, x] = await Promise.all([
    startYouTubeEmulator(),
    startTikTokEmulator({ audited: true, chunkRules }),
    startInstagramEmulator(),
    startFacebookEmulator(),
    startXEmulator(),
  ]);
  const byPlatform = { youtube, tiktok, instagram, facebook, x };
  return {
    byPlatform,
    /** Every post the platforms hold, counted by platform and caption. */
    posted() {
      const captions = [
        ...[...youtube.state.videos.values()].map((v) => `youtube ${v.snippet.description}`),
        ...[...tiktok.state.posts.values()].map((p) => `tiktok ${p.title}`),
        ...[...instagram.state.media.values()].map((m) => `instagram ${m.caption}`),
        ...facebookPosts(facebook.state).map((r) => `facebook ${r.description}`),
        ...[...x.state.tweets.values()].map((t) => `x ${t.text}`),
      ];
      const counts = new Map<string, number>();
      for (const caption of captions) counts.set(caption, (counts.get(caption) ?? 0) + 1);
      return counts;
    },
    close: async () => void (await Promise.all(Object.values(byPlatform).map((e) => e.close()))),
  };
}

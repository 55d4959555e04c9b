import type { ByteSink } from '../kit/byte-sink';
import { TokenRegistry } from '../kit/emulator-kit';
import { applyTokenSwitches, commonSwitchesSchema } from '../kit/emulator-switches';
import { RateWindow } from '../kit/rate-window';

export interface FacebookReel {
  id: string;
  pageId: string;
  sink: ByteSink | null;
  phase: 'started' | 'uploaded' | 'finished';
  description: string;
  videoState: string;
  pollsLeft: number;
  /** Set by the content switch: processing ends in error with this message. */
  error: string | null;
  /** Insight values by name; absent ones are not reported. */
  insights: Record<string, unknown>;
}

export interface FacebookUploadState {
  tokens: TokenRegistry;
  /** Every Reel started; the finished, published ones are the posts. */
  reels: Map<string, FacebookReel>;
  /** 30 Reels per 24 h per Page. */
  reelsPerDay: RateWindow;
  processingPolls: number;
  rejectNextWith: string | null;
  nextId: number;
}

export interface FacebookUploadStateOptions {
  /** The registry of the OAuth side, so tokens it issues are accepted here. */
  tokens?: TokenRegistry;
  now?: () => number;
  processingPolls?: number;
  reelsPerDay?: number;
}

export function createFacebookUploadState(
  options: FacebookUploadStateOptions = {},
): FacebookUploadState {
  const now = options.now ?? Date.now;
  return {
    // Page tokens derived from a long-lived user token do not expire on their own.
    tokens:
      options.tokens ??
      new TokenRegistry({
        accessTtlMs: 10 * 365 * 86_400_000,
        refreshTtlMs: 60 * 86_400_000,
        rotateRefresh: false,
        now,
      }),
    reels: new Map(),
    reelsPerDay: new RateWindow(options.reelsPerDay ?? 30, 86_400_000, now),
    processingPolls: options.processingPolls ?? 0,
    rejectNextWith: null,
    nextId: 1,
  };
}

/** Finished Reels published on a Page: a test asserts "exactly one post" here. */
export function facebookPosts(state: FacebookUploadState) {
  return [...state.reels.values()]
    .filter((reel) => reel.phase === 'finished' && reel.videoState === 'PUBLISHED')
    .map(({ sink, ...rest }) => ({
      ...rest,
      sizeBytes: sink?.totalBytes ?? 0,
      sha256: sink?.digest() ?? '',
    }));
}

export function describeFacebookState(state: FacebookUploadState) {
  return { posts: facebookPosts(state), started: state.reels.size };
}

export const facebookSwitchesSchema = commonSwitchesSchema.extend({});

/** `POST /__emulator/switches` for the Facebook emulator. */
export function applyFacebookSwitches(state: FacebookUploadState, raw: unknown): void {
  const input = facebookSwitchesSchema.parse(raw);
  applyTokenSwitches(state.tokens, input);
  if (input.processingPolls !== undefined) state.processingPolls = input.processingPolls;
  if (input.rejectNext !== undefined) state.rejectNextWith = input.rejectNext;
}

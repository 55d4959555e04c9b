import { z } from 'zod';
import type { ByteSink } from '../kit/byte-sink';
import { TokenRegistry } from '../kit/emulator-kit';
import { applyTokenSwitches, commonSwitchesSchema } from '../kit/emulator-switches';

export interface XMedia {
  id: string;
  accountId: string;
  mediaType: string;
  totalBytes: number;
  segmentsReceived: number;
  sink: ByteSink;
  finalized: boolean;
  pollsLeft: number;
  /** Set by the content switch: processing fails with this message. */
  error: string | null;
}

export interface XTweet {
  id: string;
  accountId: string;
  text: string;
  mediaIds: string[];
  /** SHA-256 of the attached video, to compare with the source file. */
  sha256: string;
  createdAt: number;
  publicMetrics: Partial<
    Record<
      | 'impression_count'
      | 'like_count'
      | 'reply_count'
      | 'retweet_count'
      | 'quote_count'
      | 'bookmark_count',
      number
    >
  >;
}

export interface XUploadState {
  tokens: TokenRegistry;
  media: Map<string, XMedia>;
  /** Created posts: a test asserts "exactly one post" here. */
  tweets: Map<string, XTweet>;
  /** Posting costs money on pay-per-use: posts counted per account. */
  postsByAccount: Map<string, number>;
  /** The server's segment maximum (8 MB); clients stay at 5 MB. */
  maxSegmentBytes: number;
  maxTotalBytes: number;
  processingPolls: number;
  checkAfterSecs: number;
  rejectNextMediaWith: string | null;
  /** The next post is refused with 403 for the video's duration (after a good finalize). */
  refuseNextTweetForDuration: boolean;
  nextId: bigint;
  now: () => number;
}

export interface XUploadStateOptions {
  /** The registry of the OAuth side, so tokens it issues are accepted here. */
  tokens?: TokenRegistry;
  now?: () => number;
  maxSegmentBytes?: number;
  processingPolls?: number;
}

export function createXUploadState(options: XUploadStateOptions = {}): XUploadState {
  return {
    tokens:
      options.tokens ??
      new TokenRegistry({
        accessTtlMs: 2 * 3_600_000,
        refreshTtlMs: 180 * 86_400_000,
        rotateRefresh: true,
        now: options.now,
      }),
    media: new Map(),
    tweets: new Map(),
    postsByAccount: new Map(),
    maxSegmentBytes: options.maxSegmentBytes ?? 8 * 1024 * 1024,
    maxTotalBytes: 512 * 1024 * 1024,
    processingPolls: options.processingPolls ?? 0,
    checkAfterSecs: 1,
    rejectNextMediaWith: null,
    refuseNextTweetForDuration: false,
    nextId: 1_880_000_000_000_000_000n,
    now: options.now ?? Date.now,
  };
}

export function describeXState(state: XUploadState) {
  return {
    tweets: [...state.tweets.values()],
    postsByAccount: Object.fromEntries(state.postsByAccount),
  };
}

export const xSwitchesSchema = commonSwitchesSchema.extend({
  /** The next post is refused with 403 for the video's duration. */
  refuseNextTweetForDuration: z.boolean().optional(),
});

/** `POST /__emulator/switches` for the X emulator. */
export function applyXSwitches(state: XUploadState, raw: unknown): void {
  const input = xSwitchesSchema.parse(raw);
  applyTokenSwitches(state.tokens, input);
  if (input.processingPolls !== undefined) state.processingPolls = input.processingPolls;
  if (input.rejectNext !== undefined) state.rejectNextMediaWith = input.rejectNext;
  if (input.refuseNextTweetForDuration !== undefined)
    state.refuseNextTweetForDuration = input.refuseNextTweetForDuration;
}

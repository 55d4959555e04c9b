import { z } from 'zod';
import type { ByteSink } from '../kit/byte-sink';
import { TokenRegistry } from '../kit/emulator-kit';
import { applyTokenSwitches, commonSwitchesSchema } from '../kit/emulator-switches';
import { RateWindow } from '../kit/rate-window';
import { tiktokChunkRules, type TikTokChunkRules } from './tiktok-chunk-rules';

export interface TikTokPublish {
  publishId: string;
  uploadId: string;
  accountId: string;
  title: string;
  privacyLevel: string;
  inbox: boolean;
  videoSize: number;
  chunkSize: number;
  totalChunkCount: number;
  /** Chunks received so far, in order. */
  chunksReceived: number;
  sink: ByteSink;
  pollsLeft: number;
  failReason: string | null;
  postId: string | null;
  /** When init handed out the upload URL; it expires an hour later. */
  createdAt: number;
}

export interface TikTokPost {
  postId: string;
  publishId: string;
  accountId: string;
  title: string;
  privacyLevel: string;
  sizeBytes: number;
  sha256: string;
  metrics: {
    view_count?: number;
    like_count?: number;
    comment_count?: number;
    share_count?: number;
  };
}

export interface TikTokUploadState {
  tokens: TokenRegistry;
  chunkRules: TikTokChunkRules;
  /** Unaudited clients may only post SELF_ONLY. */
  audited: boolean;
  maxVideoPostDurationSec: number;
  publishes: Map<string, TikTokPublish>;
  /** Published posts: a test asserts "exactly one post" here. */
  posts: Map<string, TikTokPost>;
  /** Status polls a finished upload stays in processing (the "slow processing" switch). */
  processingPolls: number;
  /** Moderation refuses the next upload with this fail_reason (the "content rejected" switch). */
  failNextWith: string | null;
  limits: { creatorInfo: RateWindow; init: RateWindow; status: RateWindow };
  /** How long an upload URL is valid after init: an hour. */
  uploadUrlTtlMs: number;
  now: () => number;
}

export interface TikTokUploadStateOptions {
  /** The registry of the OAuth side, so tokens it issues are accepted here. */
  tokens?: TokenRegistry;
  now?: () => number;
  accessTtlMs?: number;
  chunkRules?: Partial<TikTokChunkRules>;
  audited?: boolean;
  processingPolls?: number;
}

export function createTikTokUploadState(options: TikTokUploadStateOptions = {}): TikTokUploadState {
  const now = options.now ?? Date.now;
  return {
    tokens:
      options.tokens ??
      new TokenRegistry({
        accessTtlMs: options.accessTtlMs ?? 86_400_000,
        refreshTtlMs: 365 * 86_400_000,
        rotateRefresh: true,
        now,
      }),
    chunkRules: { ...tiktokChunkRules, ...options.chunkRules },
    audited: options.audited ?? true,
    maxVideoPostDurationSec: 600,
    publishes: new Map(),
    posts: new Map(),
    processingPolls: options.processingPolls ?? 0,
    failNextWith: null,
    limits: {
      creatorInfo: new RateWindow(20, 60_000, now),
      init: new RateWindow(6, 60_000, now),
      status: new RateWindow(30, 60_000, now),
    },
    uploadUrlTtlMs: 3_600_000,
    now,
  };
}

export function describeTikTokState(state: TikTokUploadState) {
  return {
    posts: [...state.posts.values()],
    publishes: [...state.publishes.values()].map(({ sink, ...rest }) => ({
      ...rest,
      receivedBytes: sink.committed,
    })),
  };
}

export const tiktokSwitchesSchema = commonSwitchesSchema.extend({
  /** An unaudited client may only post SELF_ONLY. */
  audited: z.boolean().optional(),
});

/** `POST /__emulator/switches` for the TikTok emulator. */
export function applyTikTokSwitches(state: TikTokUploadState, raw: unknown): void {
  const input = tiktokSwitchesSchema.parse(raw);
  applyTokenSwitches(state.tokens, input);
  if (input.processingPolls !== undefined) state.processingPolls = input.processingPolls;
  if (input.rejectNext !== undefined) state.failNextWith = input.rejectNext;
  if (input.audited !== undefined) state.audited = input.audited;
}

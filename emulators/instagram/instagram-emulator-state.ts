import { z } from 'zod';
import type { ByteSink } from '../kit/byte-sink';
import { TokenRegistry } from '../kit/emulator-kit';
import { applyTokenSwitches, commonSwitchesSchema } from '../kit/emulator-switches';

export interface InstagramContainer {
  id: string;
  userId: string;
  caption: string;
  sink: ByteSink | null;
  uploaded: boolean;
  pollsLeft: number;
  /** Set by the content switch: the container ends in ERROR with this status text. */
  error: string | null;
  mediaId: string | null;
}

export interface InstagramMedia {
  id: string;
  containerId: string;
  userId: string;
  caption: string;
  sizeBytes: number;
  sha256: string;
  publishedAt: number;
  /** Insight values by metric name; an absent metric is not reported (data lags up to 48 h). */
  insights: Record<string, number>;
}

export interface InstagramUploadState {
  tokens: TokenRegistry;
  containers: Map<string, InstagramContainer>;
  /** Published media: a test asserts "exactly one post" here. */
  media: Map<string, InstagramMedia>;
  /** API-published posts per rolling 24 h: 50 now, 25 on older pages. */
  publishLimit: number;
  processingPolls: number;
  rejectNextWith: string | null;
  now: () => number;
  nextId: number;
}

export interface InstagramUploadStateOptions {
  /** The registry of the OAuth side, so tokens it issues are accepted here. */
  tokens?: TokenRegistry;
  now?: () => number;
  publishLimit?: number;
  processingPolls?: number;
}

export function createInstagramUploadState(
  options: InstagramUploadStateOptions = {},
): InstagramUploadState {
  const now = options.now ?? Date.now;
  return {
    tokens:
      options.tokens ??
      new TokenRegistry({
        accessTtlMs: 60 * 86_400_000,
        refreshTtlMs: 60 * 86_400_000,
        rotateRefresh: false,
        now,
      }),
    containers: new Map(),
    media: new Map(),
    publishLimit: options.publishLimit ?? 50,
    processingPolls: options.processingPolls ?? 0,
    rejectNextWith: null,
    now,
    nextId: 1,
  };
}

export function publishedInLastDay(state: InstagramUploadState, userId: string): number {
  const since = state.now() - 86_400_000;
  return [...state.media.values()].filter((m) => m.userId === userId && m.publishedAt > since)
    .length;
}

export function describeInstagramState(state: InstagramUploadState) {
  return {
    media: [...state.media.values()],
    containers: [...state.containers.values()].map(({ sink, ...rest }) => ({
      ...rest,
      receivedBytes: sink?.committed ?? 0,
    })),
  };
}

export const instagramSwitchesSchema = commonSwitchesSchema.extend({
  /** Posts allowed per rolling 24 h (50, or 25 on older pages). */
  publishLimit: z.number().int().nonnegative().optional(),
});

/** `POST /__emulator/switches` for the Instagram emulator. */
export function applyInstagramSwitches(state: InstagramUploadState, raw: unknown): void {
  const input = instagramSwitchesSchema.parse(raw);
  applyTokenSwitches(state.tokens, input);
  if (input.processingPolls !== undefined) state.processingPolls = input.processingPolls;
  if (input.rejectNext !== undefined) state.rejectNextWith = input.rejectNext;
  if (input.publishLimit !== undefined) state.publishLimit = input.publishLimit;
}

import { z } from 'zod';
import { TokenRegistry } from '../kit/emulator-kit';
import { applyTokenSwitches, commonSwitchesSchema } from '../kit/emulator-switches';
import { ResumableSessions } from '../google/resumable-upload-server';

export interface YouTubeVideo {
  id: string;
  accountId: string;
  snippet: { title: string; description: string; tags: string[]; categoryId: string };
  status: { privacyStatus: string; selfDeclaredMadeForKids: boolean };
  sizeBytes: number;
  sha256: string;
  publishedAt: number;
  /** Status polls left before processing succeeds (the "slow processing" switch). */
  pollsUntilProcessed: number;
  rejectionReason: string | null;
  /** Processing that ends badly: `failed` (with uploadStatus failed) or `terminated`. */
  processingFailure: 'failed' | 'terminated' | null;
  statistics: { viewCount?: string; likeCount?: string; commentCount?: string };
}

export interface YouTubeUploadState {
  tokens: TokenRegistry;
  uploads: ResumableSessions;
  /** Created videos: a test asserts "exactly one post" here. */
  videos: Map<string, YouTubeVideo>;
  /** Daily units; `insertCost` 1,600 of 10,000 (older pages) or 1 of 100 (newer bucket). */
  quota: { limit: number; used: number; insertCost: number };
  /** How many status polls a new video stays in processing. */
  processingPolls: number;
  /** When set, the next uploaded video is rejected with this reason (content switch). */
  rejectNextUpload: string | null;
  /** An unverified API project can only upload private videos (they are locked private). */
  verifiedProject: boolean;
  now: () => number;
}

export interface YouTubeUploadStateOptions {
  /** The registry of the OAuth side, so tokens it issues are accepted here. */
  tokens?: TokenRegistry;
  accessTtlMs?: number;
  now?: () => number;
  quota?: Partial<YouTubeUploadState['quota']>;
  processingPolls?: number;
}

export function createYouTubeUploadState(
  options: YouTubeUploadStateOptions = {},
): YouTubeUploadState {
  return {
    tokens:
      options.tokens ??
      new TokenRegistry({
        accessTtlMs: options.accessTtlMs ?? 3_600_000,
        refreshTtlMs: 7 * 86_400_000,
        rotateRefresh: false,
        now: options.now,
      }),
    uploads: new ResumableSessions(),
    videos: new Map(),
    quota: { limit: 10_000, used: 0, insertCost: 1_600, ...options.quota },
    processingPolls: options.processingPolls ?? 0,
    rejectNextUpload: null,
    verifiedProject: true,
    now: options.now ?? Date.now,
  };
}

/** What `/__emulator/state` shows: posts and quota, never tokens. */
export function describeYouTubeState(state: YouTubeUploadState) {
  return {
    quota: state.quota,
    videos: [...state.videos.values()],
    openSessions: [...state.uploads.sessions.values()].filter((s) => !s.result && !s.expired)
      .length,
  };
}

export const youtubeSwitchesSchema = commonSwitchesSchema.extend({
  /** Uses up the daily quota (quotaExceeded until reset), or gives it back. */
  quotaExhausted: z.boolean().optional(),
  /** False: uploads are locked private, as for an unverified API project. */
  verifiedProject: z.boolean().optional(),
  /** Every open upload session answers 404 (expired). */
  expireSessions: z.literal(true).optional(),
});

/** `POST /__emulator/switches` for the YouTube emulator. */
export function applyYouTubeSwitches(state: YouTubeUploadState, raw: unknown): void {
  const input = youtubeSwitchesSchema.parse(raw);
  applyTokenSwitches(state.tokens, input);
  if (input.processingPolls !== undefined) state.processingPolls = input.processingPolls;
  if (input.rejectNext !== undefined) state.rejectNextUpload = input.rejectNext;
  if (input.quotaExhausted !== undefined)
    state.quota.used = input.quotaExhausted ? state.quota.limit : 0;
  if (input.expireSessions) state.uploads.expireAll();
  if (input.verifiedProject !== undefined) state.verifiedProject = input.verifiedProject;
}

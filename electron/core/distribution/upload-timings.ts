import { platformNames, type PlatformId } from '../../../shared/domain/platforms';
import type { DistributionTargetRow } from '../db/schema';
import type { BackoffPolicy } from '../jobs/jobs-module';

/** How uploads wait: for a platform's processing, and before looking for a post. */
export interface UploadTimings {
  /**
   * How long a platform may process a video before the post fails, counted from the first
   * time it said "still processing": before the post is created (Instagram's container, X's
   * media) and after (YouTube, TikTok's moderation, Facebook).
   */
  processingDeadlineMs: Record<PlatformId, number>;
  /** The first recheck of a video still processing; later ones wait longer, up to the max. */
  recheckMs: number;
  maxRecheckMs: number;
  /** After an outcome became unknown, the next look for the post comes this much later. */
  verifyDelayMs: number;
  /** Backoff of an upload attempt that failed transiently (the adapter retried in place). */
  retryBackoff: BackoffPolicy;
}

const HOUR = 3_600_000;

export const defaultUploadTimings: UploadTimings = {
  processingDeadlineMs: {
    youtube: 24 * HOUR,
    // Moderation can take hours.
    tiktok: 24 * HOUR,
    instagram: 2 * HOUR,
    facebook: 6 * HOUR,
    x: 1 * HOUR,
  },
  recheckMs: 60_000,
  maxRecheckMs: 15 * 60_000,
  verifyDelayMs: 60_000,
  retryBackoff: { baseMs: 10_000, capMs: 30 * 60_000 },
};

export function uploadTimingsWith(overrides: Partial<UploadTimings> = {}): UploadTimings {
  return {
    ...defaultUploadTimings,
    ...overrides,
    processingDeadlineMs: {
      ...defaultUploadTimings.processingDeadlineMs,
      ...overrides.processingDeadlineMs,
    },
  };
}

/** The next recheck of a video processing for `elapsedMs`: a quarter of that, within bounds. */
export function recheckDelay(timings: UploadTimings, elapsedMs: number): number {
  return Math.min(timings.maxRecheckMs, Math.max(timings.recheckMs, Math.floor(elapsedMs / 4)));
}

function duration(ms: number): string {
  if (ms < 2 * 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 2 * HOUR) return `${Math.round(ms / 60_000)} minutes`;
  return `${Math.round(ms / HOUR)} hours`;
}

/** Where to look when a platform never finished processing. */
const whatToCheck: Record<PlatformId, { before: string; after: string }> = {
  youtube: {
    before: 'Check that the file plays and is a vertical video of 3 minutes or less, then retry.',
    after:
      'Open the video in YouTube Studio: if it is stuck in processing, delete it there and retry; otherwise Retry checks it again.',
  },
  tiktok: {
    before: 'Check that the file plays and meets TikTok’s rules, then retry.',
    after:
      'TikTok may still be reviewing it: look at the account in the TikTok app. Retry checks it again and never posts a second copy.',
  },
  instagram: {
    before:
      'Nothing was posted. Check that the video meets Instagram’s Reels rules (H.264 and AAC, 3 s to 15 min, 23 to 60 frames per second), then retry.',
    after: 'Look at the account’s Reels in Instagram; Retry checks it again.',
  },
  facebook: {
    before: 'Check that the video meets Facebook’s Reels rules (3 to 90 s, 9:16), then retry.',
    after:
      'Look at the Page’s Reels in Meta Business Suite: if it is stuck, delete it there; Retry checks it again.',
  },
  x: {
    before:
      'Nothing was posted. Check that the video meets X’s rules (at most 1280x1024, 60 frames per second, 140 s), then retry.',
    after: 'Look at the account’s posts on X; Retry checks it again.',
  },
};

/**
 * The words of a processing deadline that ran out. `posted`: the post exists (the platform
 * processes it) and a retry only checks it again; otherwise nothing was posted.
 */
export function processingTimedOut(
  platform: DistributionTargetRow['platform'],
  elapsedMs: number,
  posted: boolean,
): string {
  const name = platformNames[platform];
  const check = whatToCheck[platform];
  return posted
    ? `${name} has been processing the post for ${duration(elapsedMs)} without finishing. ${check.after}`
    : `${name} did not finish processing the video within ${duration(elapsedMs)}. ${check.before}`;
}

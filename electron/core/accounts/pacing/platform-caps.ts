import type { PacingConfig } from '../../../../shared/domain/accounts';
import type { PlatformId } from '../../../../shared/domain/platforms';
import { nextYouTubeQuotaReset, pacificTime } from '../../platforms/youtube/youtube-quota';
import { startOfNextZonedMonth, startOfZonedDay, startOfZonedMonth } from '../../time/zoned-time';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A rule that holds posting back: until when (null: until the person acts) and why. */
export interface Blocker {
  at: number | null;
  reason: string;
}

export interface PlatformPost {
  accountId: string;
  postedAt: number;
  costUsd: number;
}

export interface CapInput {
  now: number;
  timeZone: string;
  accountId: string;
  platform: PlatformId;
  /** This account's post times, newest first (at least the last 24 h). */
  accountPosts: number[];
  /** Every post on this platform, newest first (at least since the start of the month). */
  platformPosts: PlatformPost[];
  config: PacingConfig;
}

/**
 * When a rolling window of `windowMs` holding at most `limit` posts admits one more: the
 * `limit`-th newest post must leave it. Null when there is room now.
 */
export function rollingWindowFree(
  postsNewestFirst: number[],
  now: number,
  windowMs: number,
  limit: number,
): number | null {
  const inWindow = postsNewestFirst.filter((t) => t > now - windowMs && t <= now);
  if (inWindow.length < limit) return null;
  const leaving = inWindow[limit - 1];
  return leaving === undefined ? null : leaving + windowMs;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function instagram(input: CapInput): Blocker | null {
  const cap = input.config.instagramPostsPer24h;
  const at = rollingWindowFree(input.accountPosts, input.now, DAY, cap);
  return at === null
    ? null
    : { at, reason: `Instagram allows ${plural(cap, 'API post')} per account in any 24 hours.` };
}

function facebook(input: CapInput): Blocker | null {
  const cap = input.config.facebookReelsPer24h;
  const at = rollingWindowFree(input.accountPosts, input.now, DAY, cap);
  return at === null
    ? null
    : { at, reason: `Facebook allows ${plural(cap, 'Reel')} per Page in any 24 hours.` };
}

function tiktok(input: CapInput): Blocker | null {
  const { config, now } = input;
  const perMinute = rollingWindowFree(input.accountPosts, now, 60_000, config.tiktokInitsPerMinute);
  if (perMinute !== null) {
    return {
      at: perMinute,
      reason: `TikTok accepts ${plural(config.tiktokInitsPerMinute, 'post start')} per minute per account.`,
    };
  }
  if (!config.tiktokUnauditedClient) return null;
  // An unaudited app may post for a few distinct users per rolling 24 h.
  const lastByOther = new Map<string, number>();
  let selfPosted = false;
  for (const post of input.platformPosts) {
    if (post.postedAt <= now - DAY || post.postedAt > now) continue;
    if (post.accountId === input.accountId) selfPosted = true;
    else if (!lastByOther.has(post.accountId)) lastByOther.set(post.accountId, post.postedAt);
  }
  const limit = config.tiktokUnauditedUsersPer24h;
  if (selfPosted || lastByOther.size < limit) return null;
  const lasts = [...lastByOther.values()].sort((a, b) => a - b);
  const freeing = lasts[lasts.length - limit];
  return {
    at: freeing === undefined ? null : freeing + DAY,
    reason: `Your TikTok app is unaudited: it may post for ${plural(limit, 'account')} in any 24 hours, and others already used them.`,
  };
}

function youtube(input: CapInput): Blocker | null {
  const { config, now } = input;
  const dayStart = startOfZonedDay(now, pacificTime);
  const uploads = input.platformPosts.filter((p) => p.postedAt >= dayStart && p.postedAt <= now);
  const used = uploads.length * config.youtubeUploadCostUnits;
  if (used + config.youtubeUploadCostUnits <= config.youtubeDailyQuotaUnits) return null;
  return {
    at: nextYouTubeQuotaReset(now),
    reason: `YouTube's daily quota (${config.youtubeDailyQuotaUnits} units, ${config.youtubeUploadCostUnits} per upload) is used up; it resets at midnight Pacific time.`,
  };
}

function x(input: CapInput): Blocker | null {
  const { config, now } = input;
  if (config.xMonthlyBudgetUsd === null) return null;
  const monthStart = startOfZonedMonth(now, input.timeZone);
  const spent = input.platformPosts
    .filter((p) => p.postedAt >= monthStart && p.postedAt <= now)
    .reduce((sum, p) => sum + p.costUsd, 0);
  if (spent + config.xCostPerPostUsd <= config.xMonthlyBudgetUsd + 1e-9) return null;
  return {
    at: startOfNextZonedMonth(now, input.timeZone),
    reason: `This month's X budget of $${config.xMonthlyBudgetUsd.toFixed(2)} is spent ($${spent.toFixed(2)} used).`,
  };
}

/** The platform's own caps for one account. */
export function platformCapBlockers(input: CapInput): Blocker[] {
  const rule = { instagram, facebook, tiktok, youtube, x }[input.platform];
  const blocker = rule(input);
  return blocker ? [blocker] : [];
}

/** How far back the pacing rules need post history. */
export function historyHorizon(now: number, timeZone: string): number {
  return Math.min(now - 2 * DAY, startOfZonedMonth(now, timeZone) - DAY);
}

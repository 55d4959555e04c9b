import type { AccountLimits } from '../../../../shared/domain/accounts';
import type { QuotaUsage } from '../../../../shared/domain/health';
import { nextYouTubeQuotaReset, pacificTime } from '../../platforms/youtube/youtube-quota';
import {
  startOfNextZonedDay,
  startOfNextZonedMonth,
  startOfZonedDay,
  startOfZonedHour,
  startOfZonedMonth,
} from '../../time/zoned-time';
import { DAY, HOUR, type CapInput } from './platform-caps';

/** Posts of a rolling window, and when the oldest of them leaves it. */
function rolling(posts: number[], now: number, windowMs: number) {
  const inWindow = posts.filter((t) => t > now - windowMs && t <= now);
  const oldest = inWindow.at(-1);
  return { used: inWindow.length, resetsAt: oldest === undefined ? null : oldest + windowMs };
}

function platformQuota(input: CapInput): QuotaUsage | null {
  const { config, now } = input;
  switch (input.platform) {
    case 'youtube': {
      const dayStart = startOfZonedDay(now, pacificTime);
      const uploads = input.platformPosts.filter(
        (p) => p.postedAt >= dayStart && p.postedAt <= now,
      );
      return {
        id: 'youtube-daily-units',
        label: 'YouTube daily quota',
        used: uploads.length * config.youtubeUploadCostUnits,
        limit: config.youtubeDailyQuotaUnits,
        unit: 'units',
        resetsAt: nextYouTubeQuotaReset(now),
        kind: 'quota',
        shared: true,
      };
    }
    case 'instagram': {
      const window = rolling(input.accountPosts, now, DAY);
      return {
        id: 'instagram-posts-24h',
        label: 'Instagram posts in 24 hours',
        ...window,
        limit: config.instagramPostsPer24h,
        unit: 'posts',
        kind: 'quota',
        shared: false,
      };
    }
    case 'facebook': {
      const window = rolling(input.accountPosts, now, DAY);
      return {
        id: 'facebook-reels-24h',
        label: 'Facebook Reels in 24 hours',
        ...window,
        limit: config.facebookReelsPer24h,
        unit: 'posts',
        kind: 'quota',
        shared: false,
      };
    }
    case 'tiktok': {
      if (!config.tiktokUnauditedClient) return null;
      const lastByAccount = new Map<string, number>();
      for (const post of input.platformPosts) {
        if (post.postedAt <= now - DAY || post.postedAt > now) continue;
        if (!lastByAccount.has(post.accountId)) lastByAccount.set(post.accountId, post.postedAt);
      }
      const earliest = Math.min(...lastByAccount.values());
      return {
        id: 'tiktok-unaudited-accounts-24h',
        label: 'Accounts your unaudited TikTok app posted for in 24 hours',
        used: lastByAccount.size,
        limit: config.tiktokUnauditedUsersPer24h,
        unit: 'accounts',
        resetsAt: lastByAccount.size === 0 ? null : earliest + DAY,
        kind: 'quota',
        shared: true,
      };
    }
    case 'x': {
      if (config.xMonthlyBudgetUsd === null) return null;
      const monthStart = startOfZonedMonth(now, input.timeZone);
      const spent = input.platformPosts
        .filter((p) => p.postedAt >= monthStart && p.postedAt <= now)
        .reduce((sum, p) => sum + p.costUsd, 0);
      return {
        id: 'x-monthly-budget',
        label: 'Your X budget this month',
        used: Math.round(spent * 100) / 100,
        limit: config.xMonthlyBudgetUsd,
        unit: 'usd',
        resetsAt: startOfNextZonedMonth(now, input.timeZone),
        kind: 'quota',
        shared: true,
      };
    }
  }
}

function ownLimits(input: CapInput, limits: AccountLimits): QuotaUsage[] {
  const { now, timeZone } = input;
  const posts = input.accountPosts.filter((t) => t <= now);
  const usage: QuotaUsage[] = [];
  if (limits.postsPerHour !== null) {
    const hourStart = startOfZonedHour(now, timeZone);
    usage.push({
      id: 'own-posts-hour',
      label: 'Your limit per hour',
      used: posts.filter((t) => t >= hourStart).length,
      limit: limits.postsPerHour,
      unit: 'posts',
      resetsAt: hourStart + HOUR,
      kind: 'pacing',
      shared: false,
    });
  }
  if (limits.postsPerDay !== null) {
    usage.push({
      id: 'own-posts-day',
      label: 'Your limit per day',
      used: posts.filter((t) => t >= startOfZonedDay(now, timeZone)).length,
      limit: limits.postsPerDay,
      unit: 'posts',
      resetsAt: startOfNextZonedDay(now, timeZone),
      kind: 'pacing',
      shared: false,
    });
  }
  return usage;
}

/**
 * How much of each limit on an account's posting is used now: the platform's quota or cap (or
 * the X budget), then the person's own limits per hour and per day. The same inputs as the
 * pacing rules, so the figures agree with `canPostNow`.
 */
export function quotaUsage(input: CapInput, limits: AccountLimits): QuotaUsage[] {
  const quota = platformQuota(input);
  return [...(quota ? [quota] : []), ...ownLimits(input, limits)];
}

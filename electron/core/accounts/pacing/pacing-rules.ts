import type {
  AccountLimits,
  AccountStatus,
  PacingConfig,
  PostDecision,
} from '../../../../shared/domain/accounts';
import type { PlatformId } from '../../../../shared/domain/platforms';
import { HOUR, platformCapBlockers, type Blocker, type PlatformPost } from './platform-caps';
import { startOfNextZonedDay, startOfZonedDay, startOfZonedHour } from '../../time/zoned-time';

export interface PacingInput {
  now: number;
  /** The person's time zone: "per hour" and "per day" follow their wall clock. */
  timeZone: string;
  account: {
    id: string;
    platform: PlatformId;
    status: AccountStatus;
    statusReason: string | null;
    rateLimitedUntil: number | null;
    limits: AccountLimits;
  };
  accountPosts: number[];
  platformPosts: PlatformPost[];
  config: PacingConfig;
}

function statusBlocker(input: PacingInput): Blocker | null {
  const { account, now } = input;
  switch (account.status) {
    case 'disabled':
      return {
        at: null,
        reason: account.statusReason ?? 'The account is disabled. Enable it to post.',
      };
    case 'needs_reconnect':
      return {
        at: null,
        reason:
          account.statusReason ??
          'The platform no longer accepts this connection. Reconnect the account.',
      };
    case 'error':
      return { at: null, reason: account.statusReason ?? 'The account has an error. Test it.' };
    case 'rate_limited':
    case 'active':
      if (account.rateLimitedUntil !== null && account.rateLimitedUntil > now) {
        return {
          at: account.rateLimitedUntil,
          reason: account.statusReason ?? 'The platform asked ReelPilot to slow down.',
        };
      }
      return null;
  }
}

function limitBlockers(input: PacingInput): Blocker[] {
  const { limits } = input.account;
  const { now, timeZone } = input;
  const posts = input.accountPosts.filter((t) => t <= now);
  const blockers: Blocker[] = [];
  const last = posts[0];
  if (limits.minGapMinutes !== null && last !== undefined) {
    const at = last + limits.minGapMinutes * 60_000;
    if (at > now)
      blockers.push({
        at,
        reason: `You asked for at least ${limits.minGapMinutes} minutes between posts.`,
      });
  }
  if (limits.postsPerHour !== null) {
    const hourStart = startOfZonedHour(now, timeZone);
    const count = posts.filter((t) => t >= hourStart).length;
    if (count >= limits.postsPerHour)
      blockers.push({
        at: hourStart + HOUR,
        reason: `You allowed ${limits.postsPerHour} post${limits.postsPerHour === 1 ? '' : 's'} per hour; this hour's are used.`,
      });
  }
  if (limits.postsPerDay !== null) {
    const dayStart = startOfZonedDay(now, timeZone);
    const count = posts.filter((t) => t >= dayStart).length;
    if (count >= limits.postsPerDay)
      blockers.push({
        at: startOfNextZonedDay(now, timeZone),
        reason: `You allowed ${limits.postsPerDay} post${limits.postsPerDay === 1 ? '' : 's'} per day; today's are used.`,
      });
  }
  return blockers;
}

/**
 * May this account post now, and if not, from when and why. Every rule only loosens as time
 * passes without new posts, so the earliest time all rules allow a post is the latest of the
 * times each rule gives.
 */
export function decidePost(input: PacingInput): PostDecision {
  const status = statusBlocker(input);
  if (status?.at === null) return { allowed: false, at: null, reason: status.reason };
  const blockers = [
    ...(status ? [status] : []),
    ...limitBlockers(input),
    ...platformCapBlockers({
      now: input.now,
      timeZone: input.timeZone,
      accountId: input.account.id,
      platform: input.account.platform,
      accountPosts: input.accountPosts,
      platformPosts: input.platformPosts,
      config: input.config,
    }),
  ];
  if (blockers.length === 0) return { allowed: true };
  const blocking = blockers.some((b) => b.at === null)
    ? blockers.filter((b) => b.at === null)
    : blockers;
  const latest = blocking.reduce((a, b) => ((b.at ?? Infinity) > (a.at ?? Infinity) ? b : a));
  return { allowed: false, at: latest.at, reason: latest.reason };
}

import { describe, expect, it } from 'vitest';
import {
  defaultPacingConfig,
  type AccountLimits,
  type PacingConfig,
} from '../../../../shared/domain/accounts';
import type { PlatformId } from '../../../../shared/domain/platforms';
import { FakeClock } from '../../testing/fake-clock';
import { decidePost, type PacingInput } from './pacing-rules';
import type { PlatformPost } from './platform-caps';
import { nextYouTubeQuotaReset } from '../../platforms/youtube/youtube-quota';
import { startOfNextZonedDay, startOfZonedDay, startOfZonedHour } from '../../time/zoned-time';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const noLimits: AccountLimits = { postsPerHour: null, postsPerDay: null, minGapMinutes: null };

/** A small world: one clock, one account's posts, every post on the platform. */
function pacer(
  platform: PlatformId,
  options: {
    limits?: Partial<AccountLimits>;
    timeZone?: string;
    config?: Partial<PacingConfig>;
    start?: number;
  } = {},
) {
  const clock = new FakeClock(options.start);
  const posts: PlatformPost[] = [];
  const input = (accountId = 'me'): PacingInput => ({
    now: clock.now(),
    timeZone: options.timeZone ?? 'UTC',
    account: {
      id: accountId,
      platform,
      status: 'active',
      statusReason: null,
      rateLimitedUntil: null,
      limits: { ...noLimits, ...options.limits },
    },
    accountPosts: posts
      .filter((p) => p.accountId === accountId)
      .map((p) => p.postedAt)
      .sort((a, b) => b - a),
    platformPosts: [...posts].sort((a, b) => b.postedAt - a.postedAt),
    config: { ...defaultPacingConfig, ...options.config },
  });
  return {
    clock,
    post: (accountId = 'me', costUsd = 0) =>
      posts.push({ accountId, postedAt: clock.now(), costUsd }),
    decide: (accountId?: string) => decidePost(input(accountId)),
  };
}

describe('zoned time', () => {
  it('finds hour and day boundaries in zones with odd offsets and DST', () => {
    const t = Date.UTC(2026, 2, 8, 10, 20); // 2026-03-08, the day New York springs forward
    // 15:50 in India: the hour began at 15:00 IST, 09:30 UTC.
    expect(startOfZonedHour(t, 'Asia/Kolkata')).toBe(Date.UTC(2026, 2, 8, 9, 30));
    expect(startOfZonedDay(t, 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 5, 0));
    expect(startOfNextZonedDay(t, 'America/New_York')).toBe(Date.UTC(2026, 2, 9, 4, 0)); // a 23-hour day
    expect(startOfZonedDay(t, 'Asia/Kathmandu')).toBe(Date.UTC(2026, 2, 7, 18, 15));
    expect(nextYouTubeQuotaReset(Date.UTC(2026, 0, 15, 7, 59))).toBe(Date.UTC(2026, 0, 15, 8, 0));
    expect(nextYouTubeQuotaReset(Date.UTC(2026, 6, 15, 7, 0))).toBe(Date.UTC(2026, 6, 16, 7, 0));
  });
});

describe('the person’s limits', () => {
  it('keeps the minimum gap between posts', () => {
    const p = pacer('x', { limits: { minGapMinutes: 30 } });
    expect(p.decide()).toEqual({ allowed: true });
    p.post();
    p.clock.advance(10 * MIN);
    expect(p.decide()).toMatchObject({ allowed: false, at: p.clock.now() + 20 * MIN });
    p.clock.advance(20 * MIN);
    expect(p.decide()).toEqual({ allowed: true });
  });

  it('counts posts per hour of the wall clock, not per 60 minutes', () => {
    const p = pacer('x', { limits: { postsPerHour: 2 }, start: Date.UTC(2026, 0, 15, 12, 40) });
    p.post();
    p.clock.advance(10 * MIN);
    p.post();
    expect(p.decide()).toMatchObject({ allowed: false, at: Date.UTC(2026, 0, 15, 13, 0) });
    p.clock.advance(10 * MIN); // 13:00: a new hour
    expect(p.decide()).toEqual({ allowed: true });
  });

  it('follows half-hour zones for the hour boundary', () => {
    const p = pacer('x', {
      limits: { postsPerHour: 1 },
      timeZone: 'Asia/Kolkata',
      start: Date.UTC(2026, 0, 15, 12, 10),
    }); // 17:40 IST
    p.post();
    expect(p.decide()).toMatchObject({ allowed: false, at: Date.UTC(2026, 0, 15, 12, 30) }); // 18:00 IST
  });

  it('resets the daily limit at midnight in the person’s time zone', () => {
    // 23:00 in Tokyo is 14:00 UTC.
    const p = pacer('x', {
      limits: { postsPerDay: 1 },
      timeZone: 'Asia/Tokyo',
      start: Date.UTC(2026, 0, 15, 14, 0),
    });
    p.post();
    expect(p.decide()).toMatchObject({
      allowed: false,
      at: Date.UTC(2026, 0, 15, 15, 0),
      reason: expect.stringContaining('per day'),
    });
    p.clock.advance(HOUR);
    expect(p.decide()).toEqual({ allowed: true });

    // The same posts in UTC would wait until UTC midnight.
    const utc = pacer('x', { limits: { postsPerDay: 1 }, start: Date.UTC(2026, 0, 15, 14, 0) });
    utc.post();
    expect(utc.decide()).toMatchObject({ at: Date.UTC(2026, 0, 16, 0, 0) });
  });

  it('gives the latest of several blocking rules', () => {
    const p = pacer('x', {
      limits: { postsPerHour: 1, minGapMinutes: 90 },
      start: Date.UTC(2026, 0, 15, 12, 0),
    });
    p.post();
    expect(p.decide()).toMatchObject({
      at: Date.UTC(2026, 0, 15, 13, 30),
      reason: expect.stringContaining('90 minutes'),
    });
  });
});

describe('platform caps', () => {
  it('Instagram: 50 per rolling 24 hours (configurable)', () => {
    const p = pacer('instagram');
    const first = p.clock.now();
    for (let i = 0; i < 50; i += 1) {
      p.post();
      p.clock.advance(10 * MIN);
    }
    expect(p.decide()).toMatchObject({ allowed: false, at: first + DAY });
    p.clock.set(first + DAY);
    expect(p.decide()).toEqual({ allowed: true });

    const older = pacer('instagram', { config: { instagramPostsPer24h: 25 } });
    for (let i = 0; i < 25; i += 1) older.post();
    expect(older.decide().allowed).toBe(false);
  });

  it('Facebook: 30 Reels per rolling 24 hours, crossing midnight', () => {
    const p = pacer('facebook', { start: Date.UTC(2026, 0, 15, 20, 0) });
    for (let i = 0; i < 30; i += 1) {
      p.post();
      p.clock.advance(15 * MIN);
    } // the last at 03:15 the next day
    const decision = p.decide();
    expect(decision).toMatchObject({ allowed: false, at: Date.UTC(2026, 0, 16, 20, 0) });
  });

  it('TikTok: 6 post starts per minute per account', () => {
    const p = pacer('tiktok', { config: { tiktokUnauditedClient: false } });
    const first = p.clock.now();
    for (let i = 0; i < 6; i += 1) {
      p.post();
      p.clock.advance(5_000);
    }
    expect(p.decide()).toMatchObject({ allowed: false, at: first + MIN });
    p.clock.set(first + MIN);
    expect(p.decide()).toEqual({ allowed: true });
  });

  it('TikTok unaudited: at most 5 accounts posting per rolling 24 hours', () => {
    const p = pacer('tiktok');
    const first = p.clock.now();
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      p.post(id);
      p.clock.advance(HOUR);
    }
    expect(p.decide('a')).toEqual({ allowed: true }); // already one of the five
    expect(p.decide('f')).toMatchObject({
      allowed: false,
      at: first + DAY,
      reason: expect.stringContaining('unaudited'),
    });
    const audited = pacer('tiktok', { config: { tiktokUnauditedClient: false } });
    for (const id of ['a', 'b', 'c', 'd', 'e']) audited.post(id);
    expect(audited.decide('f')).toEqual({ allowed: true });
  });

  it('YouTube: the daily quota across accounts, reset at midnight Pacific', () => {
    // 1,600 of 10,000 units: six uploads a day.
    const p = pacer('youtube', { start: Date.UTC(2026, 0, 15, 20, 0) }); // 12:00 in Los Angeles
    for (const id of ['a', 'b', 'a', 'b', 'a', 'b']) p.post(id);
    expect(p.decide('c')).toMatchObject({ allowed: false, at: Date.UTC(2026, 0, 16, 8, 0) });
    p.clock.set(Date.UTC(2026, 0, 16, 8, 0));
    expect(p.decide('c')).toEqual({ allowed: true });

    const bucket = pacer('youtube', {
      config: { youtubeDailyQuotaUnits: 100, youtubeUploadCostUnits: 1 },
    });
    for (let i = 0; i < 6; i += 1) bucket.post();
    expect(bucket.decide()).toEqual({ allowed: true });
  });

  it('X: the monthly budget, counted from each post’s cost', () => {
    const p = pacer('x', {
      config: { xCostPerPostUsd: 0.5, xMonthlyBudgetUsd: 1 },
      start: Date.UTC(2026, 0, 31, 20, 0),
    });
    p.post('me', 0.5);
    expect(p.decide()).toEqual({ allowed: true });
    p.post('other', 0.5);
    expect(p.decide()).toMatchObject({ allowed: false, at: Date.UTC(2026, 1, 1, 0, 0) });
  });
});

describe('account status', () => {
  it('waits for a rate limit to pass and needs the person for a disabled account', () => {
    const clock = new FakeClock();
    const base: PacingInput = {
      now: clock.now(),
      timeZone: 'UTC',
      account: {
        id: 'me',
        platform: 'x',
        status: 'rate_limited',
        statusReason: 'Rate limited: 429',
        rateLimitedUntil: clock.now() + 5 * MIN,
        limits: noLimits,
      },
      accountPosts: [],
      platformPosts: [],
      config: defaultPacingConfig,
    };
    expect(decidePost(base)).toEqual({
      allowed: false,
      at: clock.now() + 5 * MIN,
      reason: 'Rate limited: 429',
    });
    expect(decidePost({ ...base, now: clock.now() + 5 * MIN })).toEqual({ allowed: true });
    expect(
      decidePost({ ...base, account: { ...base.account, status: 'disabled', statusReason: null } }),
    ).toMatchObject({ allowed: false, at: null });
  });
});

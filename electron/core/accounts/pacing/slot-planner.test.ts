import { describe, expect, it } from 'vitest';
import {
  defaultPacingConfig,
  type AccountLimits,
  type PacingConfig,
} from '../../../../shared/domain/accounts';
import type { PlatformId } from '../../../../shared/domain/platforms';
import type { PacingInput } from './pacing-rules';
import type { PlatformPost } from './platform-caps';
import { SlotPlanner } from './slot-planner';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 2, 2, 12, 0); // Monday 2 March 2026, 12:00 UTC

function account(
  id: string,
  platform: PlatformId,
  limits: Partial<AccountLimits> = {},
): PacingInput['account'] {
  return {
    id,
    platform,
    status: 'active',
    statusReason: null,
    rateLimitedUntil: null,
    limits: { postsPerHour: null, postsPerDay: null, minGapMinutes: null, ...limits },
  };
}

function planner(
  accounts: PacingInput['account'][],
  posts: Array<{ accountId: string; at: number }> = [],
  config: Partial<PacingConfig> = {},
) {
  const platformOf = new Map(accounts.map((a) => [a.id, a.platform]));
  const platformPosts = new Map<PlatformId, PlatformPost[]>();
  for (const post of posts) {
    const platform = platformOf.get(post.accountId)!;
    platformPosts.set(platform, [
      ...(platformPosts.get(platform) ?? []),
      { accountId: post.accountId, postedAt: post.at, costUsd: 0 },
    ]);
  }
  return new SlotPlanner({
    now: NOW,
    timeZone: 'UTC',
    config: { ...defaultPacingConfig, ...config },
    accounts: new Map(accounts.map((a) => [a.id, a])),
    accountPosts: new Map(
      accounts.map((a) => [
        a.id,
        posts
          .filter((p) => p.accountId === a.id)
          .map((p) => p.at)
          .sort((x, y) => y - x),
      ]),
    ),
    platformPosts,
  });
}

describe('slot planner', () => {
  it('lines waiting posts up behind each other by the minimum gap', () => {
    const plan = planner(
      [account('me', 'tiktok', { minGapMinutes: 30 })],
      [{ accountId: 'me', at: NOW - 10 * MIN }],
    ).plan([
      { id: 'a', accountId: 'me', earliest: NOW },
      { id: 'b', accountId: 'me', earliest: NOW },
      { id: 'c', accountId: 'me', earliest: NOW },
    ]);
    expect([...plan.values()].map((slot) => slot.at)).toEqual([
      NOW + 20 * MIN,
      NOW + 50 * MIN,
      NOW + 80 * MIN,
    ]);
    expect(plan.get('a')?.reason).toMatch(/at least 30 minutes between posts/);
  });

  it('plans per account: another account is not held back by this one’s gap', () => {
    const plan = planner([
      account('a1', 'x', { minGapMinutes: 60 }),
      account('a2', 'x', { minGapMinutes: 60 }),
    ]).plan([
      { id: 'p1', accountId: 'a1', earliest: NOW },
      { id: 'p2', accountId: 'a1', earliest: NOW },
      { id: 'p3', accountId: 'a2', earliest: NOW },
    ]);
    expect(plan.get('p1')?.at).toBe(NOW);
    expect(plan.get('p2')?.at).toBe(NOW + HOUR);
    expect(plan.get('p3')?.at).toBe(NOW);
  });

  it('counts planned posts against a platform cap shared by every account', () => {
    // Unaudited TikTok apps post for at most 2 distinct accounts in any 24 hours here.
    const accounts = ['t1', 't2', 't3'].map((id) => account(id, 'tiktok'));
    const plan = planner(accounts, [], { tiktokUnauditedUsersPer24h: 2 }).plan([
      { id: 'p1', accountId: 't1', earliest: NOW },
      { id: 'p2', accountId: 't2', earliest: NOW + MIN },
      { id: 'p3', accountId: 't3', earliest: NOW + 2 * MIN },
    ]);
    expect(plan.get('p3')).toMatchObject({
      at: NOW + 24 * HOUR,
      reason: expect.stringMatching(/unaudited/),
    });
  });

  it('keeps a person’s later time and says when an account is held until they act', () => {
    const held = { ...account('off', 'youtube'), status: 'needs_reconnect' as const };
    const plan = planner([account('me', 'facebook'), held]).plan([
      { id: 'later', accountId: 'me', earliest: NOW + 3 * HOUR },
      { id: 'stuck', accountId: 'off', earliest: NOW },
    ]);
    expect(plan.get('later')).toEqual({ at: NOW + 3 * HOUR, reason: null });
    expect(plan.get('stuck')).toMatchObject({
      at: null,
      reason: expect.stringMatching(/Reconnect/),
    });
  });

  it('answers where a moved post may go, given the posts planned before it', () => {
    const p = planner([account('me', 'instagram', { postsPerHour: 1 })]);
    p.plan([{ id: 'first', accountId: 'me', earliest: NOW + 10 * MIN }]);
    // The hour of 12:00 is taken by the planned post: 12:40 is refused, 13:00 is the nearest.
    expect(p.firstFree('me', NOW + 40 * MIN)).toMatchObject({
      at: NOW + HOUR,
      reason: expect.stringMatching(/1 post per hour/),
    });
    expect(p.firstFree('me', NOW + 2 * HOUR)).toEqual({ at: NOW + 2 * HOUR, reason: null });
    expect(p.firstFree('gone', NOW).at).toBeNull();
  });

  it('puts an upload under way at its time whatever the rules say', () => {
    const plan = planner(
      [account('me', 'x', { minGapMinutes: 60 })],
      [{ accountId: 'me', at: NOW - MIN }],
    ).plan([{ id: 'going', accountId: 'me', earliest: NOW, fixed: true }]);
    expect(plan.get('going')?.at).toBe(NOW);
  });
});

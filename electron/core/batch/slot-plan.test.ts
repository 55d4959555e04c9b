import { describe, expect, it } from 'vitest';
import { defaultPacingConfig, type AccountLimits } from '../../../shared/domain/accounts';
import type { PlatformId } from '../../../shared/domain/platforms';
import { SlotPlanner } from '../accounts/pacing/slot-planner';
import { clockIn } from '../time/zoned-time';
import { allowedIntervals, evenPositions, planSlots, type SpreadRequest } from './slot-plan';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function planner(
  now: number,
  timeZone: string,
  accounts: Array<{ id: string; platform: PlatformId; limits?: Partial<AccountLimits> }>,
) {
  return new SlotPlanner({
    now,
    timeZone,
    config: defaultPacingConfig,
    accounts: new Map(
      accounts.map((a) => [
        a.id,
        {
          id: a.id,
          platform: a.platform,
          status: 'active' as const,
          statusReason: null,
          rateLimitedUntil: null,
          limits: { postsPerHour: null, postsPerDay: null, minGapMinutes: null, ...a.limits },
        },
      ]),
    ),
    accountPosts: new Map(),
    platformPosts: new Map(),
  });
}

function requests(media: number, accounts: string[]): SpreadRequest[] {
  return Array.from({ length: media }, (_, m) =>
    accounts.map((accountId) => ({ mediaId: `m${m}`, accountId, alreadyPosted: false })),
  ).flat();
}

describe('distribute slots', () => {
  const now = Date.UTC(2026, 2, 2, 8, 0);

  it('spreads each account’s posts evenly over the window', () => {
    const p = planner(now, 'UTC', [
      { id: 'a', platform: 'youtube' },
      { id: 'b', platform: 'x' },
    ]);
    const { slots, warnings } = planSlots(p, requests(4, ['a', 'b']), {
      timing: 'spread',
      from: now,
      to: now + 4 * DAY,
      dailyHours: null,
    });
    expect(warnings).toEqual([]);
    for (const account of ['a', 'b']) {
      const times = slots.filter((s) => s.accountId === account).map((s) => s.at);
      expect(times).toEqual([now, now + DAY, now + 2 * DAY, now + 3 * DAY]);
    }
  });

  it('honours each account’s pacing: min gap and posts per day', () => {
    const p = planner(now, 'UTC', [
      { id: 'gap', platform: 'youtube', limits: { minGapMinutes: 120 } },
      { id: 'day', platform: 'x', limits: { postsPerDay: 2 } },
    ]);
    const { slots, warnings } = planSlots(p, requests(6, ['gap', 'day']), {
      timing: 'at',
      from: now,
      to: now + HOUR,
      dailyHours: null,
    });
    const gap = slots.filter((s) => s.accountId === 'gap').map((s) => s.at!);
    for (let i = 1; i < gap.length; i += 1)
      expect(gap[i]! - gap[i - 1]!).toBeGreaterThanOrEqual(120 * MIN);
    const perDay = new Map<number, number>();
    for (const s of slots.filter((s) => s.accountId === 'day'))
      perDay.set(Math.floor(s.at! / DAY), (perDay.get(Math.floor(s.at! / DAY)) ?? 0) + 1);
    expect([...perDay.values()].every((n) => n <= 2)).toBe(true);
    expect(
      slots.filter((s) => s.accountId === 'day').every((s) => s.reason !== null || s.at === now),
    ).toBe(true);
    // Six posts two hours apart cannot fit in one hour: the plan says so.
    expect(warnings[0]).toMatch(/cannot fit in the window/);
  });

  it('honours the platform’s cap: Instagram’s 50 posts per 24 hours', () => {
    const p = planner(now, 'UTC', [{ id: 'ig', platform: 'instagram' }]);
    const { slots } = planSlots(p, requests(60, ['ig']), {
      timing: 'at',
      from: now,
      to: now + HOUR,
      dailyHours: null,
    });
    expect(slots.filter((s) => s.at! < now + DAY)).toHaveLength(50);
    expect(slots.filter((s) => s.at! >= now + DAY)).toHaveLength(10);
    expect(slots.at(-1)!.reason).toMatch(/Instagram/);
  });

  it('leaves out a video already posted on an account', () => {
    const p = planner(now, 'UTC', [{ id: 'a', platform: 'youtube' }]);
    const { slots } = planSlots(
      p,
      [
        { mediaId: 'm0', accountId: 'a', alreadyPosted: true },
        { mediaId: 'm1', accountId: 'a', alreadyPosted: false },
      ],
      { timing: 'spread', from: now, to: now + DAY, dailyHours: null },
    );
    expect(slots[0]).toMatchObject({ at: null, reason: expect.stringMatching(/Already posted/) });
    expect(slots[1]!.at).toBe(now);
  });

  it('keeps to the daily hours in the zone across a DST change', () => {
    // Paris goes to summer time on Sunday 29 March 2026 (02:00 → 03:00).
    const zone = 'Europe/Paris';
    const start = Date.UTC(2026, 2, 27, 23, 0); // Saturday 28 March, 00:00 in Paris
    const p = planner(start, zone, [{ id: 'a', platform: 'youtube' }]);
    const { slots } = planSlots(p, requests(6, ['a']), {
      timing: 'spread',
      from: start,
      to: start + 3 * DAY,
      dailyHours: { from: '09:00', to: '21:00' },
    });
    const clocks = slots.map((s) => clockIn(s.at!, zone));
    // Two posts a day, at 09:00 and 15:00 local, on both sides of the change.
    expect(clocks).toEqual(['09:00', '15:00', '09:00', '15:00', '09:00', '15:00']);
    const winter = slots[0]!.at!;
    const summer = slots[2]!.at!;
    expect(new Date(winter).toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(new Date(summer).toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });

  it('moves a post pushed out of the daily hours by pacing to the next day’s start', () => {
    const zone = 'America/New_York';
    const start = Date.UTC(2026, 5, 1, 4, 0); // 1 June 00:00 in New York
    const p = planner(start, zone, [{ id: 'a', platform: 'x', limits: { minGapMinutes: 240 } }]);
    const { slots } = planSlots(p, requests(4, ['a']), {
      timing: 'at',
      from: start,
      to: start + DAY,
      dailyHours: { from: '10:00', to: '20:00' },
    });
    expect(
      slots.map((s) => `${new Date(s.at!).toISOString().slice(8, 10)} ${clockIn(s.at!, zone)}`),
    ).toEqual(['01 10:00', '01 14:00', '01 18:00', '02 10:00']);
  });

  it('places positions over the allowed intervals only', () => {
    expect(
      evenPositions(
        [
          [0, 10],
          [20, 30],
        ],
        4,
      ),
    ).toEqual([0, 5, 20, 25]);
    expect(allowedIntervals(0, 100, null, 'UTC')).toEqual([[0, 100]]);
  });
});

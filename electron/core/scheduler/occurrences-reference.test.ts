import { describe, expect, it } from 'vitest';
import type { Schedule, ScheduleRule } from '../../../shared/domain/configs';
import { latestOccurrence, nextOccurrence } from './occurrences';
import { bruteForceOccurrences, referenceTransitions } from './testing/brute-force-occurrences';

/**
 * The arithmetic against the slow, obvious meaning of a schedule (one real minute at a time),
 * on random rules, zones and gaps placed around daylight-saving changes.
 */
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const zones = [
  'Europe/Paris',
  'America/New_York',
  'Australia/Lord_Howe', // a 30-minute change
  'America/Santiago', // changes at midnight
  'America/Havana', // changes at midnight
  'Africa/Casablanca', // changes around Ramadan
  'Pacific/Chatham', // +12:45 / +13:45
  'America/St_Johns', // -03:30
  'Asia/Beirut',
  'Pacific/Auckland',
  'Asia/Kolkata', // no change
  'UTC',
];

/** A small deterministic generator, so a failure names its seed and can be replayed. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  return { next, int, pick };
}

type Random = ReturnType<typeof random>;

function randomRule(r: Random): ScheduleRule {
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (r.int(0, 4)) {
    case 0:
      return { kind: 'hourly', minute: r.int(0, 59) };
    case 1: {
      // Times bunched at night, where the changes are.
      const times = new Set<string>();
      for (let i = r.int(1, 4); i > 0; i -= 1) {
        const hour = r.next() < 0.7 ? r.int(0, 3) : r.int(0, 23);
        times.add(`${pad(hour)}:${pad(r.pick([0, 15, 30, 45, r.int(0, 59)]))}`);
      }
      return { kind: 'daily', times: [...times] };
    }
    case 2:
      return { kind: 'interval', everyMinutes: r.pick([5, 7, 45, 60, 90, 1440]) };
    default: {
      const minute = r.pick(['*', '*/5', '*/15', '0', '30', '0,30', '10-20', `${r.int(0, 59)}`]);
      const hour = r.pick(['*', '*', '*/2', '0-3', '1', '2', '1,2,3', '22-23', `${r.int(0, 23)}`]);
      const dayOfMonth = r.pick(['*', '*', '*', '1-15', '13', '28-31']);
      const dayOfWeek = r.pick(['*', '*', '*', '1-5', '0', '6,0', 'SAT']);
      return { kind: 'cron', expression: `${minute} ${hour} ${dayOfMonth} * ${dayOfWeek}` };
    }
  }
}

const transitionsCache = new Map<string, number[]>();
function transitionsOf(zone: string): number[] {
  let found = transitionsCache.get(zone);
  if (!found) {
    found = referenceTransitions(zone, Date.UTC(2025, 0, 1), Date.UTC(2027, 0, 1));
    transitionsCache.set(zone, found);
  }
  return found;
}

function randomCase(seed: number) {
  const r = random(seed);
  const timeZone = r.pick(zones);
  const rule = randomRule(r);
  const changes = transitionsOf(timeZone);
  // Mostly around a change, to the minute or off it; sometimes anywhere.
  const around =
    changes.length > 0 && r.next() < 0.85
      ? r.pick(changes)
      : Date.UTC(2025, 0, 1) + r.int(0, 700) * DAY;
  const jitter = r.pick([0, MINUTE, -MINUTE, r.int(-36, 36) * 10 * MINUTE, r.int(-3, 3) * DAY]);
  const after = around + jitter + r.pick([0, 0, 1, -1, r.int(0, 59_999)]);
  const gap = r.pick([1, MINUTE, r.int(1, 120) * MINUTE, r.int(1, 48) * HOUR, r.int(1, 3) * DAY]);
  const upTo = after + gap + r.pick([0, -1, r.int(0, 59_999)]);
  const dateOf = (t: number) => new Date(t).toISOString().slice(0, 10);
  const bounded = r.next() < 0.2;
  const schedule: Schedule = {
    rule,
    timeZone,
    startDate: bounded ? dateOf(after + r.int(-1, 1) * DAY) : null,
    endDate: bounded ? dateOf(upTo + r.int(0, 2) * DAY) : null,
  };
  const anchor = after - r.int(0, 30) * DAY - r.int(0, DAY);
  return { schedule, after, upTo, anchor };
}

describe('occurrences against the minute-by-minute reference', () => {
  it('random rules, zones and gaps around daylight-saving changes give the same answers', () => {
    for (let seed = 1; seed <= 140; seed += 1) {
      const { schedule, after, upTo, anchor } = randomCase(seed);
      const label = `seed ${seed}: ${JSON.stringify(schedule)} after ${new Date(after).toISOString()} up to ${new Date(upTo).toISOString()}`;
      // A day beyond `upTo` shows the next occurrence too.
      const all = bruteForceOccurrences(schedule, after, upTo + DAY, anchor);
      const missed = all.filter((t) => t <= upTo);
      expect(latestOccurrence(schedule, after, upTo, anchor), label).toEqual({
        latest: missed.at(-1) ?? null,
        count: missed.length,
      });
      const following = all.find((t) => t > upTo);
      const next = nextOccurrence(schedule, upTo, anchor);
      if (following !== undefined) expect(next, label).toBe(following);
      else expect(next === null || next > upTo + DAY, label).toBe(true);
    }
  }, 180_000);
});

describe('occurrences over long gaps', () => {
  it('a per-minute cron asleep 90 days across a change misses every real minute, counted at once', () => {
    const everyMinute: Schedule = {
      rule: { kind: 'cron', expression: '* * * * *' },
      timeZone: 'Europe/Paris',
      startDate: null,
      endDate: null,
    };
    const after = Date.parse('2026-01-15T10:00:00Z');
    const upTo = after + 90 * DAY + 30_000;
    expect(latestOccurrence(everyMinute, after, upTo, 0)).toEqual({
      latest: after + 90 * DAY,
      count: 90 * 1440,
    });
    expect(nextOccurrence(everyMinute, upTo, 0)).toBe(after + 90 * DAY + MINUTE);
  });

  it('counts over months and years the same as stepping from one occurrence to the next', () => {
    for (let seed = 1; seed <= 24; seed += 1) {
      const r = random(seed * 7919);
      const timeZone = r.pick(zones);
      const rule = r.pick<ScheduleRule>([
        { kind: 'hourly', minute: r.int(0, 59) },
        { kind: 'daily', times: ['00:30', '02:30', '13:05'] },
        { kind: 'cron', expression: '*/30 1-3 * * *' },
        { kind: 'cron', expression: '0 9 1-7 * MON' },
        { kind: 'cron', expression: '15 2 29 2 *' },
        { kind: 'cron', expression: '0 */6 * 3,10,11 0,6' },
      ]);
      const schedule: Schedule = { rule, timeZone, startDate: null, endDate: null };
      const after = Date.UTC(2025, 0, 1) + r.int(0, 400) * DAY + r.int(0, DAY);
      const upTo = after + r.pick([35, 90, 200, 800]) * DAY + r.int(0, DAY);
      let count = 0;
      let latest: number | null = null;
      for (let t = nextOccurrence(schedule, after, 0); t !== null && t <= upTo;) {
        count += 1;
        latest = t;
        t = nextOccurrence(schedule, t, 0);
      }
      expect(
        latestOccurrence(schedule, after, upTo, 0),
        `seed ${seed}: ${JSON.stringify(schedule)}`,
      ).toEqual({
        latest,
        count,
      });
    }
  }, 120_000);
});

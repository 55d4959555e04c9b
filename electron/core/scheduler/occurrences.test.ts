import { describe, expect, it } from 'vitest';
import type { Schedule, ScheduleRule } from '../../../shared/domain/configs';
import { latestOccurrence, nextOccurrence, upcomingOccurrences } from './occurrences';

function schedule(rule: ScheduleRule, timeZone: string, extra: Partial<Schedule> = {}): Schedule {
  return { rule, timeZone, startDate: null, endDate: null, ...extra };
}

const iso = (instants: number[]) => instants.map((t) => new Date(t).toISOString());
const at = (text: string) => Date.parse(text);

describe('occurrences across daylight-saving changes', () => {
  it('Europe/Paris, daily at 02:30: the skipped time moves past the gap, the doubled time runs once', () => {
    const daily = schedule({ kind: 'daily', times: ['02:30'] }, 'Europe/Paris');
    expect(iso(upcomingOccurrences(daily, at('2026-03-27T12:00:00Z'), 0, 4))).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:30:00.000Z', // 02:30 does not exist: 03:30 CEST
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
      '2026-03-31T00:30:00.000Z',
    ]);
    expect(iso(upcomingOccurrences(daily, at('2026-10-24T12:00:00Z'), 0, 3))).toEqual([
      '2026-10-25T00:30:00.000Z', // the first 02:30 (CEST); the second one (CET) is skipped
      '2026-10-26T01:30:00.000Z', // 02:30 CET
      '2026-10-27T01:30:00.000Z',
    ]);
  });

  it('Europe/Paris, hourly: one run per real hour, 23 on the short day and 25 on the long one', () => {
    const hourly = schedule({ kind: 'hourly', minute: 30 }, 'Europe/Paris');
    const spring = upcomingOccurrences(hourly, at('2026-03-29T00:00:00Z'), 0, 3);
    expect(iso(spring)).toEqual([
      '2026-03-29T00:30:00.000Z', // 01:30 CET
      '2026-03-29T01:30:00.000Z', // 03:30 CEST (02:30 does not exist)
      '2026-03-29T02:30:00.000Z',
    ]);
    const autumn = upcomingOccurrences(hourly, at('2026-10-24T23:00:00Z'), 0, 3);
    expect(iso(autumn)).toEqual([
      '2026-10-24T23:30:00.000Z', // 01:30 CEST
      '2026-10-25T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T01:30:00.000Z', // 02:30 CET, the hour repeated
    ]);
    // Local days: March 29 has 23 hours, October 25 has 25.
    const count = (from: string, to: string) =>
      latestOccurrence(hourly, at(from) - 1, at(to) - 1, 0).count;
    expect(count('2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z')).toBe(23);
    expect(count('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z')).toBe(25);
  });

  it('America/New_York, daily at 02:30 and at 01:30, hourly across both changes', () => {
    const daily = schedule({ kind: 'daily', times: ['02:30'] }, 'America/New_York');
    expect(iso(upcomingOccurrences(daily, at('2026-03-07T00:00:00Z'), 0, 3))).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:30:00.000Z', // 03:30 EDT
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
    const early = schedule({ kind: 'daily', times: ['01:30'] }, 'America/New_York');
    expect(iso(upcomingOccurrences(early, at('2026-10-31T12:00:00Z'), 0, 2))).toEqual([
      '2026-11-01T05:30:00.000Z', // the first 01:30 (EDT) only
      '2026-11-02T06:30:00.000Z',
    ]);
    const hourly = schedule({ kind: 'hourly', minute: 30 }, 'America/New_York');
    expect(iso(upcomingOccurrences(hourly, at('2026-11-01T04:00:00Z'), 0, 4))).toEqual([
      '2026-11-01T04:30:00.000Z', // 00:30 EDT
      '2026-11-01T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T06:30:00.000Z', // 01:30 EST
      '2026-11-01T07:30:00.000Z', // 02:30 EST
    ]);
    expect(iso(upcomingOccurrences(hourly, at('2026-03-08T06:00:00Z'), 0, 2))).toEqual([
      '2026-03-08T06:30:00.000Z', // 01:30 EST
      '2026-03-08T07:30:00.000Z', // 03:30 EDT
    ]);
  });

  it('a cron expression keeps its wall-clock time in the zone', () => {
    const weekdays = schedule({ kind: 'cron', expression: '0 9 * * MON-FRI' }, 'Europe/Paris');
    expect(iso(upcomingOccurrences(weekdays, at('2026-03-27T09:00:00Z'), 0, 2))).toEqual([
      '2026-03-30T07:00:00.000Z', // Monday 09:00 CEST (Friday 09:00 CET already passed)
      '2026-03-31T07:00:00.000Z',
    ]);
    const leap = schedule({ kind: 'cron', expression: '0 12 29 2 *' }, 'UTC');
    expect(iso([nextOccurrence(leap, at('2026-01-01T00:00:00Z'), 0) as number])).toEqual([
      '2028-02-29T12:00:00.000Z',
    ]);
    const quarter = schedule({ kind: 'cron', expression: '*/15 2 * * *' }, 'Europe/Paris');
    // 02:xx does not exist on March 29 in Paris: fixed hours move past the gap, like daily times.
    expect(iso(upcomingOccurrences(quarter, at('2026-03-28T01:50:00Z'), 0, 2))).toEqual([
      '2026-03-29T01:00:00.000Z', // 03:00 CEST
      '2026-03-29T01:15:00.000Z',
    ]);
    const everyQuarter = schedule({ kind: 'cron', expression: '*/15 * * * *' }, 'Europe/Paris');
    // An every-hour rule has no 02:xx that day at all.
    expect(iso(upcomingOccurrences(everyQuarter, at('2026-03-29T00:40:00Z'), 0, 2))).toEqual([
      '2026-03-29T00:45:00.000Z', // 01:45 CET
      '2026-03-29T01:00:00.000Z', // 03:00 CEST
    ]);
  });

  it('every N minutes counts real minutes from the start date or the anchor', () => {
    const anchor = at('2026-01-15T10:07:00Z');
    const every = schedule({ kind: 'interval', everyMinutes: 90 }, 'Europe/Paris');
    expect(iso(upcomingOccurrences(every, at('2026-01-15T12:00:00Z'), anchor, 2))).toEqual([
      '2026-01-15T13:07:00.000Z',
      '2026-01-15T14:37:00.000Z',
    ]);
    const from = schedule({ kind: 'interval', everyMinutes: 60 }, 'Europe/Paris', {
      startDate: '2026-02-01',
    });
    expect(iso([nextOccurrence(from, at('2026-01-15T12:00:00Z'), anchor) as number])).toEqual([
      '2026-01-31T23:00:00.000Z', // midnight in Paris
    ]);
  });

  it('honours start and end dates in the schedule zone', () => {
    const daily = schedule({ kind: 'daily', times: ['09:00', '18:00'] }, 'America/New_York', {
      startDate: '2026-02-10',
      endDate: '2026-02-11',
    });
    expect(iso(upcomingOccurrences(daily, at('2026-01-01T00:00:00Z'), 0, 10))).toEqual([
      '2026-02-10T14:00:00.000Z',
      '2026-02-10T23:00:00.000Z',
      '2026-02-11T14:00:00.000Z',
      '2026-02-11T23:00:00.000Z',
    ]);
    expect(nextOccurrence(daily, at('2026-02-12T00:00:00Z'), 0)).toBeNull();
  });

  it('finds the latest missed occurrence and counts the missed ones', () => {
    const hourly = schedule({ kind: 'hourly', minute: 0 }, 'UTC');
    const result = latestOccurrence(
      hourly,
      at('2026-01-10T00:00:00Z') - 1,
      at('2026-01-13T00:20:00Z'),
      0,
    );
    expect(result.count).toBe(73);
    expect(new Date(result.latest as number).toISOString()).toBe('2026-01-13T00:00:00.000Z');
    const every = schedule({ kind: 'interval', everyMinutes: 5 }, 'UTC');
    const anchor = at('2026-01-10T00:00:00Z');
    const missed = latestOccurrence(every, anchor - 1, at('2026-01-13T00:02:00Z'), anchor);
    expect(missed.count).toBe(3 * 288 + 1);
    expect(new Date(missed.latest as number).toISOString()).toBe('2026-01-13T00:00:00.000Z');
  });
});

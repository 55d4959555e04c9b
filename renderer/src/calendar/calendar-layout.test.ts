import { describe, expect, it } from 'vitest';
import {
  dateOf,
  dayIndexOf,
  hourCells,
  instantAt,
  monthDays,
  rangeOf,
  shiftAnchor,
  titleOf,
  wallClockOf,
  weekDays,
} from './calendar-layout';

const iso = (t: number) => new Date(t).toISOString();

describe('the calendar grid in a time zone with daylight saving', () => {
  // Paris goes from 02:00 to 03:00 on Sunday 29 March 2026 and back on Sunday 25 October.
  const paris = 'Europe/Paris';
  const now = Date.parse('2026-03-27T10:00:00Z');

  it('lays seven days out from each day’s own midnight, with the 23-hour Sunday', () => {
    const days = weekDays('2026-03-23', paris, now);
    expect(days.map((d) => d.date)).toEqual([
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
    ]);
    expect(iso(days[0]!.start)).toBe('2026-03-22T23:00:00.000Z');
    expect(days.map((d) => d.hours)).toEqual([24, 24, 24, 24, 24, 24, 23]);
    expect(iso(days[6]!.end)).toBe('2026-03-29T22:00:00.000Z');
    expect(days.find((d) => d.isToday)?.date).toBe('2026-03-27');
    expect(rangeOf(days)).toEqual({ from: days[0]!.start, to: days[6]!.end });
    expect(titleOf('week', days)).toBe('Mar 23 – 29, 2026');
  });

  it('marks the hour the clocks skip, and drops on it land after the gap', () => {
    const sunday = hourCells('2026-03-29', paris);
    expect(sunday[2]).toMatchObject({ skipped: true });
    expect(iso(sunday[2]!.at)).toBe('2026-03-29T01:00:00.000Z'); // 03:00 summer time
    expect(iso(sunday[3]!.at)).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(instantAt('2026-03-29', 2, 30, paris))).toBe('2026-03-29T01:30:00.000Z');
    // A post at 03:30 summer time sits in the 3 o’clock row of that Sunday.
    const post = Date.parse('2026-03-29T01:30:00Z');
    expect(wallClockOf(post, paris)).toEqual({ hour: 3, minute: 30 });
    expect(dayIndexOf(post, weekDays('2026-03-27', paris, now))).toBe(2);
  });

  it('marks the hour that happens twice when the clocks go back, and has a 25-hour day', () => {
    const days = weekDays('2026-10-19', paris, now);
    expect(days[6]).toMatchObject({ date: '2026-10-25', hours: 25 });
    const cells = hourCells('2026-10-25', paris);
    expect(cells[2]).toMatchObject({ repeated: true, skipped: false });
    expect(iso(cells[2]!.at)).toBe('2026-10-25T00:00:00.000Z'); // the first 02:00, summer time
    expect(cells.filter((c) => c.repeated)).toHaveLength(1);
  });

  it('gives a month its whole weeks, the days of other months marked', () => {
    const days = monthDays('2026-03-15', paris, now);
    expect(days).toHaveLength(42); // 1 March is a Sunday: six weeks
    expect(days[0]).toMatchObject({ date: '2026-02-23', inMonth: false });
    expect(days[6]).toMatchObject({ date: '2026-03-01', inMonth: true });
    expect(days.at(-1)).toMatchObject({ date: '2026-04-05', inMonth: false });
    expect(titleOf('month', days)).toBe('March 2026');
    // February 2027 starts on a Monday and ends on a Sunday: exactly four weeks.
    expect(monthDays('2027-02-10', paris, now)).toHaveLength(28);
  });

  it('steps weeks, months and lists, and reads dates in the zone, not the machine’s', () => {
    expect(shiftAnchor('2026-03-27', 'week', 1)).toBe('2026-04-03');
    expect(shiftAnchor('2026-01-31', 'month', 1)).toBe('2026-02-01');
    expect(shiftAnchor('2026-03-27', 'list', -1)).toBe('2026-03-13');
    // 23:30 UTC on the 28th is already the 29th in Tokyo and still the 28th in New York.
    const t = Date.parse('2026-03-28T23:30:00Z');
    expect(dateOf(t, 'Asia/Tokyo')).toBe('2026-03-29');
    expect(dateOf(t, 'America/New_York')).toBe('2026-03-28');
  });
});

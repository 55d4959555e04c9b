import { describe, expect, it } from 'vitest';
import { periodSchema, type Period } from '../../../shared/domain/statistics';
import {
  startOfZonedDay,
  startOfZonedHour,
  startOfZonedMonth,
  wallTimeAt,
} from '../time/zoned-time';
import { piecesOf, resolvePeriod } from './periods';
import { bucketOf, bucketStarts, bucketsOf } from './zoned-buckets';

const HOUR = 3_600_000;
const preset = (p: '24h' | '7d' | '30d' | '90d'): Period => ({ kind: 'preset', preset: p });
const local = (instant: number, zone: string) => {
  const w = wallTimeAt(instant, zone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
};

describe('periods in the Settings time zone', () => {
  it('7 days across the spring change are 7 local days of 167 hours, compared with the 7 before', () => {
    const now = Date.UTC(2025, 3, 1, 10); // Tue 1 April, 12:00 in Paris
    const p = resolvePeriod(preset('7d'), now, 'Europe/Paris');
    expect(local(p.start, 'Europe/Paris')).toBe('2025-03-26 00:00');
    expect(local(p.end, 'Europe/Paris')).toBe('2025-04-02 00:00');
    expect((p.end - p.start) / HOUR).toBe(167);
    expect(local(p.previousStart, 'Europe/Paris')).toBe('2025-03-19 00:00');
    expect(p.previousEnd).toBe(p.start);
    expect((p.previousEnd - p.previousStart) / HOUR).toBe(168);
    expect(p).toMatchObject({ grain: 'day', days: 7, timeZone: 'Europe/Paris' });
    expect(bucketStarts('day', p.start, p.end, 'Europe/Paris')).toHaveLength(7);
  });

  it('7 days across the autumn change in New York are 169 hours', () => {
    const now = Date.UTC(2025, 10, 4, 15);
    const p = resolvePeriod(preset('7d'), now, 'America/New_York');
    expect(local(p.start, 'America/New_York')).toBe('2025-10-29 00:00');
    expect((p.end - p.start) / HOUR).toBe(169);
  });

  it('24 hours are the current hour and the 23 before it, also the night the clocks go back', () => {
    // 01:30 EST, after the clocks went back from 02:00 EDT: the hour 01:00 happened twice.
    const now = Date.UTC(2025, 10, 2, 6, 30);
    const p = resolvePeriod(preset('24h'), now, 'America/New_York');
    expect(p.end).toBe(Date.UTC(2025, 10, 2, 7));
    expect(p.end - p.start).toBe(24 * HOUR);
    expect(p.previousEnd - p.previousStart).toBe(24 * HOUR);
    expect(p).toMatchObject({ grain: 'hour', days: null });
    const hours = bucketStarts('hour', p.start, p.end, 'America/New_York');
    expect(hours).toHaveLength(24);
    expect(hours.map((h) => wallTimeAt(h, 'America/New_York').hour).slice(-3)).toEqual([0, 1, 1]);
  });

  it('hours start on the zone’s own hour, a quarter past in Kathmandu', () => {
    const p = resolvePeriod(preset('24h'), Date.UTC(2026, 0, 15, 12, 50), 'Asia/Kathmandu');
    expect(new Date(p.end).toISOString()).toBe('2026-01-15T13:15:00.000Z');
    expect(bucketOf('hour', Date.UTC(2026, 0, 15, 12, 14), 'Asia/Kathmandu')).toBe(
      Date.UTC(2026, 0, 15, 11, 15),
    );
  });

  it('a custom range counts both ends, and the period before has as many days', () => {
    const p = resolvePeriod(
      { kind: 'custom', from: '2025-03-01', to: '2025-03-31' },
      Date.UTC(2026, 0, 1),
      'Europe/Paris',
    );
    expect(p.days).toBe(31);
    expect(local(p.start, 'Europe/Paris')).toBe('2025-03-01 00:00');
    expect(local(p.end, 'Europe/Paris')).toBe('2025-04-01 00:00');
    expect(local(p.previousStart, 'Europe/Paris')).toBe('2025-01-29 00:00');
  });

  it('a day whose midnight does not exist starts when the day does (Santiago, 01:00)', () => {
    const p = resolvePeriod(
      { kind: 'custom', from: '2025-09-07', to: '2025-09-07' },
      Date.UTC(2026, 0, 1),
      'America/Santiago',
    );
    expect(local(p.start, 'America/Santiago')).toBe('2025-09-07 01:00');
    expect((p.end - p.start) / HOUR).toBe(23);
  });

  it('refuses ranges that end before they start, or dates that do not exist, in words', () => {
    const refused = (period: unknown) => periodSchema.safeParse(period).error?.issues[0]?.message;
    expect(refused({ kind: 'custom', from: '2025-03-02', to: '2025-03-01' })).toBe(
      'The range must end on or after the day it starts.',
    );
    expect(refused({ kind: 'custom', from: '2025-02-30', to: '2025-03-01' })).toBe(
      'That day does not exist.',
    );
    expect(refused({ kind: 'custom', from: '2015-01-01', to: '2025-03-01' })).toMatch(/at most/);
  });
});

describe('a range cut into rollup rows', () => {
  const zones = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'America/Santiago'];
  for (const zone of zones) {
    it(`covers 90 days and 2 years exactly, months inside and days at the edges (${zone})`, () => {
      for (const period of [
        preset('90d'),
        { kind: 'custom', from: '2024-02-17', to: '2026-01-15' } as const,
      ]) {
        const p = resolvePeriod(period, Date.UTC(2026, 0, 15, 12), zone);
        const pieces = piecesOf(p.start, p.end, 'day', 'month', zone);
        expect(pieces[0]?.from).toBe(p.start);
        expect(pieces.at(-1)?.to).toBe(p.end);
        for (let i = 1; i < pieces.length; i += 1) expect(pieces[i]?.from).toBe(pieces[i - 1]?.to);
        expect(pieces.some((piece) => piece.grain === 'month')).toBe(true);
        for (const piece of pieces) {
          // Every edge is a boundary of the grain the piece is read in.
          expect(bucketOf(piece.grain, piece.from, zone)).toBe(piece.from);
          const days = bucketStarts('day', piece.from, piece.to, zone).length;
          if (piece.grain === 'day') expect(days).toBeLessThanOrEqual(31);
        }
        const days = pieces.reduce(
          (sum, piece) => sum + bucketStarts('day', piece.from, piece.to, zone).length,
          0,
        );
        expect(days).toBe(p.days);
      }
    });
  }

  it('stays in days when no whole month fits, and in hours for 24 hours', () => {
    const p = resolvePeriod(preset('7d'), Date.UTC(2026, 0, 15, 12), 'UTC');
    expect(piecesOf(p.start, p.end, 'day', 'month', 'UTC')).toEqual([
      { grain: 'day', from: p.start, to: p.end },
    ]);
    const h = resolvePeriod(preset('24h'), Date.UTC(2026, 0, 15, 12), 'UTC');
    expect(piecesOf(h.start, h.end, 'hour', 'month', 'UTC')).toEqual([
      { grain: 'hour', from: h.start, to: h.end },
    ]);
  });
});

describe('bucketing by cached offsets', () => {
  it('agrees with zoned-time on every instant tried, clock changes included', () => {
    const zones = ['Europe/Paris', 'America/Santiago', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (const zone of zones) {
      for (let i = 0; i < 2000; i += 1) {
        const instant = Date.UTC(2024, 0, 1) + Math.floor(random() * 2 * 365 * 86_400_000);
        const b = bucketsOf(instant, zone);
        expect([b.hour, b.day, b.month]).toEqual([
          startOfZonedHour(instant, zone),
          startOfZonedDay(instant, zone),
          startOfZonedMonth(instant, zone),
        ]);
        expect(b.hourOfDay).toBe(wallTimeAt(instant, zone).hour);
      }
    }
  });
});

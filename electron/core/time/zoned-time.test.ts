import { describe, expect, it } from 'vitest';
import {
  referenceTransitions,
  referenceWallClock,
} from '../scheduler/testing/brute-force-occurrences';
import { offsetAt, wallTimeAt, zoneTransitions } from './zoned-time';

const DAY = 86_400_000;

describe('zone offsets read once and kept', () => {
  it('finds every change of the offset to the minute, as Intl reports it', () => {
    const from = Date.UTC(2024, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    for (const zone of [
      'Europe/Paris',
      'America/Santiago',
      'Africa/Casablanca',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Asia/Kolkata',
    ]) {
      const found = zoneTransitions(zone, from, to);
      expect(
        found.map((change) => change.at),
        zone,
      ).toEqual(referenceTransitions(zone, from, to));
      for (const change of found) {
        expect(offsetAt(change.at - 1, zone)).toBe(change.before);
        expect(offsetAt(change.at, zone)).toBe(change.offset);
      }
    }
  });

  it('gives the same wall time as Intl at any instant', () => {
    let state = 12345;
    for (let i = 0; i < 600; i += 1) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      const instant = Date.UTC(2010, 0, 1) + (state % (20 * 365)) * DAY + (state % DAY) + 123;
      const zone = ['Europe/Dublin', 'America/St_Johns', 'Asia/Tehran', 'Pacific/Apia'][
        i % 4
      ] as string;
      const wall = wallTimeAt(instant, zone);
      const expected = new Date(referenceWallClock(instant, zone));
      expect(
        [wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second],
        `${zone} at ${new Date(instant).toISOString()}`,
      ).toEqual([
        expected.getUTCFullYear(),
        expected.getUTCMonth() + 1,
        expected.getUTCDate(),
        expected.getUTCHours(),
        expected.getUTCMinutes(),
        expected.getUTCSeconds(),
      ]);
    }
  });
});

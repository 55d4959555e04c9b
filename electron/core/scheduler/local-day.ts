import { offsetAt, zoneTransitions, type ZoneTransition } from '../time/zoned-time';
import type { WallRule } from './wall-rule';

const MINUTE = 60_000;
export const DAY = 86_400_000;
/** Zones span UTC−12 to UTC+14; a change this far around a local day may touch it. */
const REACH = 16 * 3_600_000;

/** A calendar date as a count of days since 1970-01-01, with its parts. */
export interface CivilDay {
  epochDay: number;
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/** Days since 1970-01-01 to a civil date (Howard Hinnant's `civil_from_days`). */
export function civilDay(epochDay: number): CivilDay {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { epochDay, year, month, day, weekday: (((epochDay + 4) % 7) + 7) % 7 };
}

/** The local calendar day (days since 1970-01-01) an instant falls on in a zone. */
export function localEpochDay(instant: number, timeZone: string): number {
  return Math.floor((instant + offsetAt(instant, timeZone)) / DAY);
}

/**
 * Occurrences of one local day, in order and distinct: runs of the rule's minutes at one offset
 * (instant = base + minute × 60 000 for the minutes at indexes [from, to)), or a short explicit
 * list (the times moved past a spring-forward gap, merged with the ones they meet). The hot
 * paths below are plain loops over numbers: thousands of configs go through them in one tick.
 */
interface Run {
  base: number;
  from: number;
  to: number;
}

/** The first index in [from, to) whose minute is at or after `minute`. */
function lowerBound(minutes: readonly number[], from: number, to: number, minute: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((minutes[mid] as number) >= minute) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The first index in [from, to) whose instant is after `instant`. */
function firstAfterIn(minutes: readonly number[], run: Run, instant: number): number {
  let lo = run.from;
  let hi = run.to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (run.base + (minutes[mid] as number) * MINUTE > instant) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The first index of a sorted list whose instant is after `instant`. */
function firstAfterInList(instants: readonly number[], instant: number): number {
  let lo = 0;
  let hi = instants.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((instants[mid] as number) > instant) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The rule's minutes whose wall time is in [fromWall, toWall) of the day, at one offset. */
function runOf(
  minutes: readonly number[],
  wallStart: number,
  fromWall: number,
  toWall: number,
  offset: number,
): Run {
  const first = Math.ceil((Math.max(fromWall, wallStart) - wallStart) / MINUTE);
  const end = Math.ceil((Math.min(toWall, wallStart + DAY) - wallStart) / MINUTE);
  const from = lowerBound(minutes, 0, minutes.length, first);
  return {
    base: wallStart - offset,
    from,
    to: Math.max(from, lowerBound(minutes, 0, minutes.length, end)),
  };
}

/** Days kept per rule and zone (each a few numbers, or a short list on a spring-forward day). */
const MAX_DAYS_PER_RULE = 4096;
const dayCache = new WeakMap<WallRule, Map<string, Map<number, LocalDay>>>();

export class LocalDay {
  private constructor(
    private readonly minutes: readonly number[],
    private readonly runs: readonly Run[],
    /** Instants moved past a gap, merged with those they meet; between `runs[0]` and `runs[1]`. */
    private readonly list: readonly number[] = [],
  ) {}

  /**
   * The occurrences of `rule` on local day `epochDay` in `timeZone` (the caller has checked the
   * day matches). Kept per rule: configs sharing a rule and a zone share their days.
   */
  static of(rule: WallRule, epochDay: number, timeZone: string): LocalDay {
    let zones = dayCache.get(rule);
    if (!zones) {
      zones = new Map();
      dayCache.set(rule, zones);
    }
    let days = zones.get(timeZone);
    if (!days) {
      days = new Map();
      zones.set(timeZone, days);
    }
    let day = days.get(epochDay);
    if (!day) {
      if (days.size >= MAX_DAYS_PER_RULE) days.clear();
      day = LocalDay.make(rule, epochDay, timeZone);
      days.set(epochDay, day);
    }
    return day;
  }

  private static make(rule: WallRule, epochDay: number, timeZone: string): LocalDay {
    const wallStart = epochDay * DAY;
    const wallEnd = wallStart + DAY;
    const near = zoneTransitions(timeZone, wallStart - REACH, wallEnd + REACH);
    const minutes = rule.minutes;
    if (near.length === 0) {
      return new LocalDay(minutes, [
        runOf(minutes, wallStart, wallStart, wallEnd, offsetAt(wallStart, timeZone)),
      ]);
    }
    if (near.length > 1) return LocalDay.byEachTime(rule, wallStart, timeZone);
    const { at, before, offset: after } = near[0] as ZoneTransition;
    // Before the change the clock shows [.., at + before); after it [at + after, ..).
    const endBefore = at + before;
    const startAfter = at + after;
    const first = runOf(minutes, wallStart, wallStart, endBefore, before);
    if (rule.everyHour) {
      // Every real hour: a repeated hour runs twice, a skipped one not at all.
      return new LocalDay(minutes, [first, runOf(minutes, wallStart, startAfter, wallEnd, after)]);
    }
    if (after < before) {
      // Clocks go back: a repeated time runs once, the first time it is shown.
      return new LocalDay(minutes, [first, runOf(minutes, wallStart, endBefore, wallEnd, after)]);
    }
    // Clocks go forward: a time in the gap happens after it, moved by its length. Those moved
    // times land on the first (after − before) of wall time after the gap; merge the two there.
    const shift = after - before;
    const merged = new Set<number>();
    for (const run of [
      runOf(minutes, wallStart, endBefore, startAfter, before),
      runOf(minutes, wallStart, startAfter, startAfter + shift, after),
    ]) {
      for (let index = run.from; index < run.to; index += 1) {
        merged.add(run.base + (minutes[index] as number) * MINUTE);
      }
    }
    return new LocalDay(
      minutes,
      [first, runOf(minutes, wallStart, startAfter + shift, wallEnd, after)],
      [...merged].sort((a, b) => a - b),
    );
  }

  /** Two changes near one day (never seen in real zones): resolve each time on its own. */
  private static byEachTime(rule: WallRule, wallStart: number, timeZone: string): LocalDay {
    const instants = new Set<number>();
    for (const minute of rule.minutes) {
      const wall = wallStart + minute * MINUTE;
      const before = offsetAt(wall - DAY, timeZone);
      const after = offsetAt(wall + DAY, timeZone);
      const shown = [...new Set([before, after])]
        .map((offset) => wall - offset)
        .filter((instant) => instant + offsetAt(instant, timeZone) === wall)
        .sort((a, b) => a - b);
      if (shown.length === 0) {
        if (!rule.everyHour) instants.add(wall - before);
      } else if (rule.everyHour) {
        for (const instant of shown) instants.add(instant);
      } else {
        instants.add(shown[0] as number);
      }
    }
    return new LocalDay(
      rule.minutes,
      [],
      [...instants].sort((a, b) => a - b),
    );
  }

  /** How many occurrences fall in (after, upTo]. */
  countIn(after: number, upTo: number): number {
    let count = 0;
    for (const run of this.runs) {
      count += firstAfterIn(this.minutes, run, upTo) - firstAfterIn(this.minutes, run, after);
    }
    count += firstAfterInList(this.list, upTo) - firstAfterInList(this.list, after);
    return count;
  }

  /** The last occurrence at or before `upTo`, or null. */
  lastAtOrBefore(upTo: number): number | null {
    let best: number | null = null;
    for (const run of this.runs) {
      const end = firstAfterIn(this.minutes, run, upTo);
      if (end > run.from) {
        const candidate = run.base + (this.minutes[end - 1] as number) * MINUTE;
        if (best === null || candidate > best) best = candidate;
      }
    }
    const end = firstAfterInList(this.list, upTo);
    if (end > 0) {
      const candidate = this.list[end - 1] as number;
      if (best === null || candidate > best) best = candidate;
    }
    return best;
  }

  /** The first occurrence after `after`, or null. */
  firstAfter(after: number): number | null {
    let best: number | null = null;
    for (const run of this.runs) {
      const first = firstAfterIn(this.minutes, run, after);
      if (first < run.to) {
        const candidate = run.base + (this.minutes[first] as number) * MINUTE;
        if (best === null || candidate < best) best = candidate;
      }
    }
    const first = firstAfterInList(this.list, after);
    if (first < this.list.length) {
      const candidate = this.list[first] as number;
      if (best === null || candidate < best) best = candidate;
    }
    return best;
  }
}

import type { Grain } from '../../../shared/domain/statistics';
import { offsetAt, wallTimeAt } from '../time/zoned-time';

/** Where an instant falls in the rollups' zone: each grain's bucket start, weekday and hour. */
export interface Buckets {
  hour: number;
  day: number;
  week: number;
  month: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  hourOfDay: number;
}

const QUARTER = 15 * 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const CACHE_LIMIT = 200_000;

/**
 * Bucketing millions of instants (a rebuild, a two-year series) cannot ask `Intl` each time: it
 * is slow. A zone's offset changes only at a quarter hour of UTC, a few times a year, so the
 * offset is cached per UTC day when the day has one offset, else per quarter hour; wall-clock
 * arithmetic on the offset does the rest. The answers are those of time/zoned-time.ts (times a
 * clock change skips move forward by the gap, "compatible" as in Temporal), which the tests
 * hold them to.
 */
class ZoneOffsets {
  private readonly days = new Map<number, number | null>();
  private readonly quarters = new Map<number, number>();

  constructor(private readonly timeZone: string) {}

  at(instant: number): number {
    const day = Math.floor(instant / DAY);
    let whole = this.days.get(day);
    if (whole === undefined) {
      if (this.days.size >= CACHE_LIMIT) this.days.clear();
      const start = offsetAt(day * DAY, this.timeZone);
      whole = offsetAt(day * DAY + DAY - QUARTER, this.timeZone) === start ? start : null;
      this.days.set(day, whole);
    }
    if (whole !== null) return whole;
    const quarter = Math.floor(instant / QUARTER);
    let offset = this.quarters.get(quarter);
    if (offset === undefined) {
      if (this.quarters.size >= CACHE_LIMIT) this.quarters.clear();
      offset = offsetAt(quarter * QUARTER, this.timeZone);
      this.quarters.set(quarter, offset);
    }
    return offset;
  }

  /** The instant the wall clock shows `local` (ms of a UTC-based calendar), or just after. */
  instantOf(local: number): number {
    const before = this.at(local - DAY);
    const after = this.at(local + DAY);
    let first: number | null = null;
    for (const offset of before === after ? [before] : [before, after]) {
      const instant = local - offset;
      if (this.at(instant) === offset && (first === null || instant < first)) first = instant;
    }
    // Skipped by a clock change: moved forward by the gap.
    return first ?? local - before;
  }
}

const zones = new Map<string, ZoneOffsets>();
function offsetsOf(timeZone: string): ZoneOffsets {
  let found = zones.get(timeZone);
  if (!found) {
    found = new ZoneOffsets(timeZone);
    zones.set(timeZone, found);
  }
  return found;
}

export function bucketsOf(instant: number, timeZone: string): Buckets {
  const offsets = offsetsOf(timeZone);
  const local = instant + offsets.at(instant);
  const localDay = Math.floor(local / DAY) * DAY;
  // 1 January 1970 was a Thursday (3 when Monday is 0).
  const weekday = (((Math.floor(local / DAY) + 3) % 7) + 7) % 7;
  const date = new Date(localDay);
  return {
    hour: instant - (local - Math.floor(local / HOUR) * HOUR),
    day: offsets.instantOf(localDay),
    week: offsets.instantOf(localDay - weekday * DAY),
    month: offsets.instantOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)),
    weekday,
    hourOfDay: Math.floor((local - localDay) / HOUR),
  };
}

export function bucketOf(grain: Grain, instant: number, timeZone: string): number {
  return bucketsOf(instant, timeZone)[grain];
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucket(grain: Grain, start: number, timeZone: string): number {
  if (grain === 'hour') {
    // An hour is 60 minutes except across a half-hour clock change (Lord Howe Island).
    const next = bucketOf('hour', start + HOUR, timeZone);
    return next > start ? next : start + HOUR;
  }
  const offsets = offsetsOf(timeZone);
  const localDay = Math.floor((start + offsets.at(start)) / DAY) * DAY;
  if (grain === 'day') return offsets.instantOf(localDay + DAY);
  if (grain === 'week') return offsets.instantOf(localDay + 7 * DAY);
  const date = new Date(localDay);
  return offsets.instantOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

/** Bucket starts of `grain` from the one holding `start` up to (not including) `end`. */
export function bucketStarts(grain: Grain, start: number, end: number, timeZone: string): number[] {
  const starts: number[] = [];
  for (let at = bucketOf(grain, start, timeZone); at < end; at = nextBucket(grain, at, timeZone)) {
    starts.push(at);
  }
  return starts;
}

/** The local calendar date of an instant, YYYY-MM-DD. */
export function wallDate(instant: number, timeZone: string): string {
  const wall = wallTimeAt(instant, timeZone);
  return `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

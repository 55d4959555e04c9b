import type { Grain } from '../../../shared/domain/statistics';
import {
  addDays,
  startOfDay,
  startOfNextZonedDay,
  startOfNextZonedMonth,
  startOfZonedDay,
  startOfZonedHour,
  startOfZonedMonth,
  wallTimeAt,
} from '../time/zoned-time';

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

/**
 * Every zone's hours start on a quarter hour of UTC (offsets are whole quarters), so all
 * instants of one quarter share their buckets: a cache by quarter makes bucketing a rebuild of
 * millions of instants cheap, since `Intl` is slow.
 */
const QUARTER_MS = 15 * 60_000;
const CACHE_LIMIT = 200_000;
const caches = new Map<string, Map<number, Buckets>>();

function wallDate(instant: number, timeZone: string): string {
  const wall = wallTimeAt(instant, timeZone);
  return `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

/** 0 = Monday of a YYYY-MM-DD date. */
function weekdayOf(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function computeBuckets(instant: number, timeZone: string): Buckets {
  const wall = wallTimeAt(instant, timeZone);
  const date = wallDate(instant, timeZone);
  const weekday = weekdayOf(date);
  return {
    hour: startOfZonedHour(instant, timeZone),
    day: startOfZonedDay(instant, timeZone),
    week: startOfDay(addDays(date, -weekday), timeZone),
    month: startOfZonedMonth(instant, timeZone),
    weekday,
    hourOfDay: wall.hour,
  };
}

export function bucketsOf(instant: number, timeZone: string): Buckets {
  let cache = caches.get(timeZone);
  if (!cache) {
    cache = new Map();
    caches.set(timeZone, cache);
  }
  const quarter = Math.floor(instant / QUARTER_MS);
  let found = cache.get(quarter);
  if (!found) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    found = computeBuckets(quarter * QUARTER_MS, timeZone);
    cache.set(quarter, found);
  }
  return found;
}

export function bucketOf(grain: Grain, instant: number, timeZone: string): number {
  return bucketsOf(instant, timeZone)[grain];
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucket(grain: Grain, start: number, timeZone: string): number {
  switch (grain) {
    case 'hour': {
      // An hour is 60 minutes except across a half-hour DST change (Lord Howe Island).
      const next = startOfZonedHour(start + 3_600_000, timeZone);
      return next > start ? next : start + 3_600_000;
    }
    case 'day':
      return startOfNextZonedDay(start, timeZone);
    case 'week':
      return startOfDay(addDays(wallDate(start, timeZone), 7), timeZone);
    case 'month':
      return startOfNextZonedMonth(start, timeZone);
  }
}

/** Bucket starts of `grain` from the one holding `start` up to (not including) `end`. */
export function bucketStarts(grain: Grain, start: number, end: number, timeZone: string): number[] {
  const starts: number[] = [];
  for (let at = bucketOf(grain, start, timeZone); at < end; at = nextBucket(grain, at, timeZone)) {
    starts.push(at);
  }
  return starts;
}

export { wallDate };

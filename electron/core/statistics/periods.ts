import type { Grain, Period, ResolvedPeriod } from '../../../shared/domain/statistics';
import { addDays, startOfDay, startOfZonedHour } from '../time/zoned-time';
import { bucketOf, nextBucket, wallDate } from './zoned-buckets';

const HOUR_MS = 3_600_000;
const presetDays = { '7d': 7, '30d': 30, '90d': 90 } as const;

function dayCount(from: string, to: string): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/**
 * The instants of a period in the Settings time zone, and of the period before it of equal
 * length: 24 whole hours for "24 h" (the current hour included), else whole calendar days
 * (today included), so a week across a DST change is 7 days of 167 or 169 hours, compared with
 * the 7 days before it.
 */
export function resolvePeriod(period: Period, now: number, timeZone: string): ResolvedPeriod {
  if (period.kind === 'preset' && period.preset === '24h') {
    const end = startOfZonedHour(now, timeZone) + HOUR_MS;
    const start = end - 24 * HOUR_MS;
    return {
      start,
      end,
      previousStart: start - 24 * HOUR_MS,
      previousEnd: start,
      grain: 'hour',
      days: null,
      timeZone,
    };
  }
  let from: string;
  let days: number;
  if (period.kind === 'preset') {
    days = presetDays[period.preset as keyof typeof presetDays];
    from = addDays(wallDate(now, timeZone), -(days - 1));
  } else {
    from = period.from;
    days = dayCount(period.from, period.to);
  }
  const start = startOfDay(from, timeZone);
  return {
    start,
    end: startOfDay(addDays(from, days), timeZone),
    previousStart: startOfDay(addDays(from, -days), timeZone),
    previousEnd: start,
    grain: 'day',
    days,
    timeZone,
  };
}

/** Rollup rows of one grain whose buckets start in [from, to). */
export interface Piece {
  grain: Grain;
  from: number;
  to: number;
}

/**
 * A range cut into the fewest rollup rows: whole buckets of `coarse` (weeks or months) where
 * they fit, days at the edges; hours when the range is not made of whole days.
 */
export function piecesOf(
  start: number,
  end: number,
  fine: 'hour' | 'day',
  coarse: Grain,
  timeZone: string,
): Piece[] {
  if (end <= start) return [];
  if (fine === 'hour' || coarse === 'hour' || coarse === 'day') {
    return [{ grain: fine === 'hour' ? 'hour' : 'day', from: start, to: end }];
  }
  const first = bucketOf(coarse, start, timeZone);
  const coarseStart = first === start ? start : nextBucket(coarse, first, timeZone);
  const coarseEnd = bucketOf(coarse, end, timeZone);
  if (coarseStart >= coarseEnd) return [{ grain: 'day', from: start, to: end }];
  const pieces: Piece[] = [];
  if (start < coarseStart) pieces.push({ grain: 'day', from: start, to: coarseStart });
  pieces.push({ grain: coarse, from: coarseStart, to: coarseEnd });
  if (coarseEnd < end) pieces.push({ grain: 'day', from: coarseEnd, to: end });
  return pieces;
}

import type { DailyHours, PlannedSlot } from '../../../shared/domain/batch';
import type { SlotPlanner } from '../accounts/accounts-module';
import { addDays, resolveWallTime, startOfDay, wallTimeAt } from '../time/zoned-time';

export interface SpreadRequest {
  mediaId: string;
  accountId: string;
  alreadyPosted: boolean;
}

export interface SpreadOptions {
  timing: 'spread' | 'at';
  from: number;
  to: number;
  dailyHours: DailyHours | null;
}

/** The local day ("2026-03-29") of an instant in the zone. */
function dayOf(at: number, timeZone: string): string {
  const wall = wallTimeAt(at, timeZone);
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

/** The instant a local day shows `hh:mm` ("24:00" is the next day's start); DST-safe. */
function wallInstant(day: string, clock: string, timeZone: string): number {
  if (clock === '24:00') return startOfDay(addDays(day, 1), timeZone);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hour, minute] = clock.split(':').map(Number) as [number, number];
  return resolveWallTime(y, m, d, hour, minute, timeZone).instants[0] as number;
}

/** The posting window of a local day. */
function windowOf(day: string, hours: DailyHours, timeZone: string): [number, number] {
  return [wallInstant(day, hours.from, timeZone), wallInstant(day, hours.to, timeZone)];
}

/** The first instant at or after `at` inside the daily hours. */
export function nextAllowed(at: number, hours: DailyHours | null, timeZone: string): number {
  if (!hours) return at;
  let day = dayOf(at, timeZone);
  for (let i = 0; i < 3; i += 1) {
    const [start, end] = windowOf(day, hours, timeZone);
    if (at < start) return start;
    if (at < end) return at;
    day = addDays(day, 1);
  }
  return at;
}

/** The parts of [from, to) inside the daily hours, in order. */
export function allowedIntervals(
  from: number,
  to: number,
  hours: DailyHours | null,
  timeZone: string,
): Array<[number, number]> {
  if (!hours) return to > from ? [[from, to]] : [];
  const intervals: Array<[number, number]> = [];
  // A window ending after midnight never happens (from < to on one day), so days are enough.
  for (let day = dayOf(from, timeZone), n = 0; n < 3700; day = addDays(day, 1), n += 1) {
    const [start, end] = windowOf(day, hours, timeZone);
    if (start >= to) break;
    const a = Math.max(start, from);
    const b = Math.min(end, to);
    if (b > a) intervals.push([a, b]);
  }
  return intervals;
}

/** `count` instants evenly over the intervals' total length (the first at their start). */
export function evenPositions(intervals: Array<[number, number]>, count: number): number[] {
  const total = intervals.reduce((sum, [a, b]) => sum + (b - a), 0);
  const positions: number[] = [];
  for (let i = 0; i < count; i += 1) {
    let offset = count === 0 ? 0 : Math.floor((total * i) / count);
    let placed: number | null = null;
    for (const [a, b] of intervals) {
      if (offset < b - a) {
        placed = a + offset;
        break;
      }
      offset -= b - a;
    }
    positions.push(placed ?? intervals[0]?.[0] ?? 0);
  }
  return positions;
}

/**
 * Where each (video, account) post goes: spread evenly over the window (each account's posts
 * on their own, inside the daily hours), or all at `from`; then moved to the first time the
 * account's pacing and its platform's caps allow, after the posts made, those waiting and the
 * ones placed before it. Reserves each slot in `planner` as it goes.
 */
export function planSlots(
  planner: SlotPlanner,
  requests: readonly SpreadRequest[],
  options: SpreadOptions,
): { slots: PlannedSlot[]; warnings: string[] } {
  const { timeZone } = planner;
  const from = Math.max(options.from, planner.now);
  const intervals = allowedIntervals(
    from,
    Math.max(options.to, from + 1),
    options.dailyHours,
    timeZone,
  );
  const perAccount = new Map<string, number>();
  for (const request of requests) {
    if (!request.alreadyPosted)
      perAccount.set(request.accountId, (perAccount.get(request.accountId) ?? 0) + 1);
  }
  const positions = new Map(
    [...perAccount].map(([accountId, count]) => [
      accountId,
      options.timing === 'spread'
        ? evenPositions(intervals, count)
        : new Array<number>(count).fill(nextAllowed(from, options.dailyHours, timeZone)),
    ]),
  );
  const used = new Map<string, number>();
  const wanted = requests.map((request, index) => {
    if (request.alreadyPosted) return { request, index, earliest: Number.POSITIVE_INFINITY };
    const n = used.get(request.accountId) ?? 0;
    used.set(request.accountId, n + 1);
    return { request, index, earliest: positions.get(request.accountId)?.[n] ?? from };
  });
  const slots = new Array<PlannedSlot>(requests.length);
  let late = 0;
  for (const { request, index, earliest } of [...wanted].sort(
    (a, b) => a.earliest - b.earliest || a.index - b.index,
  )) {
    if (request.alreadyPosted) {
      slots[index] = { ...request, at: null, reason: 'Already posted or planned on this account.' };
      continue;
    }
    let at = earliest;
    let slot = planner.firstFree(request.accountId, at);
    // Pacing may push a post out of the daily hours: take the next allowed time and ask again.
    for (let step = 0; step < 50 && slot.at !== null; step += 1) {
      const allowed = nextAllowed(slot.at, options.dailyHours, timeZone);
      if (allowed === slot.at) break;
      at = allowed;
      slot = planner.firstFree(request.accountId, at);
    }
    if (slot.at !== null) {
      planner.take(request.accountId, slot.at);
      if (slot.at >= options.to) late += 1;
    }
    slots[index] = { ...request, at: slot.at, reason: slot.reason };
  }
  const warnings =
    late > 0
      ? [
          `${late} post${late === 1 ? '' : 's'} cannot fit in the window under the pacing rules and go after its end. Widen the window or choose fewer videos.`,
        ]
      : [];
  return { slots, warnings };
}

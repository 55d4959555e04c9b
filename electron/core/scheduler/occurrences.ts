import type { Schedule } from '../../../shared/domain/configs';
import { cronMatchesDay, parseCron, type CronSpec } from '../../../shared/domain/cron';
import { addDays, offsetAt, resolveWallTime, startOfDay, wallTimeAt } from '../time/zoned-time';

const MINUTE = 60_000;
/** A cron rule such as "0 0 29 2 1" may match only every few years; look this far ahead. */
const MAX_DAYS_AHEAD = 366 * 8;

interface WallRule {
  /** Times of the day (sorted) on a given local day; empty when the day does not match. */
  timesOn(month: number, day: number, weekday: number): Array<[number, number]>;
  /** "Every hour" rules run in each real hour: twice at 01:30 when clocks go back, never in a gap. */
  everyHour: boolean;
}

function wallRule(schedule: Schedule): WallRule | null {
  const rule = schedule.rule;
  switch (rule.kind) {
    case 'interval':
      return null;
    case 'hourly': {
      const times = Array.from(
        { length: 24 },
        (_, hour) => [hour, rule.minute] as [number, number],
      );
      return { timesOn: () => times, everyHour: true };
    }
    case 'daily': {
      const times = rule.times
        .map((time) => time.split(':').map(Number) as [number, number])
        .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      return { timesOn: () => times, everyHour: false };
    }
    case 'cron': {
      const parsed = parseCron(rule.expression);
      if (!parsed.ok) throw new Error(parsed.message);
      const spec: CronSpec = parsed.spec;
      const times: Array<[number, number]> = [];
      for (const hour of spec.hours) for (const minute of spec.minutes) times.push([hour, minute]);
      return {
        timesOn: (month, day, weekday) => (cronMatchesDay(spec, month, day, weekday) ? times : []),
        everyHour: spec.everyHour,
      };
    }
  }
}

export interface ScheduleWindow {
  /** First instant runs may happen (start of the start date), or -Infinity. */
  from: number;
  /** First instant runs may no longer happen (the day after the end date), or +Infinity. */
  until: number;
}

export function scheduleWindow(schedule: Schedule): ScheduleWindow {
  return {
    from: schedule.startDate ? startOfDay(schedule.startDate, schedule.timeZone) : -Infinity,
    until: schedule.endDate
      ? startOfDay(addDays(schedule.endDate, 1), schedule.timeZone)
      : Infinity,
  };
}

/**
 * The first occurrence of a schedule strictly after `after`, or null when there is none (the
 * end date has passed). `anchor` is where an every-N-minutes schedule counts from when it has no
 * start date (the config's creation time), so its runs keep their rhythm across restarts.
 */
export function nextOccurrence(schedule: Schedule, after: number, anchor: number): number | null {
  const window = scheduleWindow(schedule);
  const from = Math.max(after, window.from - 1);
  const rule = schedule.rule;
  let next: number | null;
  if (rule.kind === 'interval') {
    const base = Number.isFinite(window.from) ? window.from : anchor;
    const step = rule.everyMinutes * MINUTE;
    next = from < base ? base : base + (Math.floor((from - base) / step) + 1) * step;
  } else {
    next = nextWallOccurrence(wallRule(schedule) as WallRule, from, schedule.timeZone);
  }
  return next !== null && next < window.until ? next : null;
}

function nextWallOccurrence(rule: WallRule, after: number, timeZone: string): number | null {
  const today = wallTimeAt(after, timeZone);
  // Start a day early: the wall date of `after` may lag the first candidate across a change.
  let date = addDays(
    `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`,
    -1,
  );
  for (let i = 0; i < MAX_DAYS_AHEAD; i += 1, date = addDays(date, 1)) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    const times = rule.timesOn(m, d, weekday);
    if (times.length === 0) continue;
    // Offsets around the whole local day (zones span UTC-12 to UTC+14): equal means no change
    // that day, and every wall time maps to one instant without further lookups.
    const dayStart = Date.UTC(y, m - 1, d);
    const steady = offsetAt(dayStart - 14 * 3_600_000, timeZone);
    const isSteady = steady === offsetAt(dayStart + 38 * 3_600_000, timeZone);
    if (isSteady && dayStart + 86_400_000 - steady <= after) continue;
    let best: number | null = null;
    for (const [hour, minute] of times) {
      const resolved = isSteady
        ? { instants: [dayStart + (hour * 60 + minute) * MINUTE - steady], skipped: false }
        : resolveWallTime(y, m, d, hour, minute, timeZone);
      // A gap hour does not exist for "every hour" rules; fixed times move past the gap.
      if (resolved.skipped && rule.everyHour) continue;
      const candidates = rule.everyHour ? resolved.instants : resolved.instants.slice(0, 1);
      for (const instant of candidates) {
        if (instant > after && (best === null || instant < best)) best = instant;
      }
    }
    if (best !== null) return best;
  }
  return null;
}

/** The next `count` occurrences after `after`, for the editor's preview. */
export function upcomingOccurrences(
  schedule: Schedule,
  after: number,
  anchor: number,
  count: number,
): number[] {
  const result: number[] = [];
  let cursor = after;
  while (result.length < count) {
    const next = nextOccurrence(schedule, cursor, anchor);
    if (next === null) break;
    result.push(next);
    cursor = next;
  }
  return result;
}

/**
 * The latest occurrence in (`after`, `upTo`], and how many occurrences that range holds. Used to
 * turn a missed window into a single catch-up run.
 */
export function latestOccurrence(
  schedule: Schedule,
  after: number,
  upTo: number,
  anchor: number,
): { latest: number | null; count: number } {
  let latest: number | null = null;
  let count = 0;
  let cursor = after;
  const rule = schedule.rule;
  if (rule.kind === 'interval') {
    const first = nextOccurrence(schedule, after, anchor);
    if (first === null || first > upTo) return { latest: null, count: 0 };
    const step = rule.everyMinutes * MINUTE;
    const until = Math.min(upTo, scheduleWindow(schedule).until - 1);
    count = Math.floor((until - first) / step) + 1;
    return { latest: first + (count - 1) * step, count };
  }
  for (;;) {
    const next = nextOccurrence(schedule, cursor, anchor);
    if (next === null || next > upTo) break;
    latest = next;
    count += 1;
    cursor = next;
  }
  return { latest, count };
}

import {
  addDays,
  resolveWallTime,
  startOfDay,
  wallTimeAt,
} from '../../../shared/domain/zoned-time';

/**
 * The calendar's grid in the Settings time zone, whatever the zone of the machine: days start
 * at their own midnight, a day may last 23 or 25 hours, and an hour may not exist (clocks go
 * forward) or happen twice (clocks go back). Pure, so its arithmetic is tested on its own.
 */

export type CalendarView = 'week' | 'month' | 'list';

export interface CalendarDay {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** The day's first instant and the next day's. */
  start: number;
  end: number;
  /** 23, 24 or 25. */
  hours: number;
  /** Monday 0 … Sunday 6. */
  weekday: number;
  /** In the month shown (month view); always true in a week. */
  inMonth: boolean;
  isToday: boolean;
}

export interface HourCell {
  hour: number;
  /** Where a post dropped on this hour goes (its first instant; the hour after a gap). */
  at: number;
  /** The clocks skip this hour on this day. */
  skipped: boolean;
  /** The clocks go back through this hour: it happens twice. */
  repeated: boolean;
}

export function dateOf(instant: number, timeZone: string): string {
  const wall = wallTimeAt(instant, timeZone);
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

function dayOf(date: string, timeZone: string, today: string, inMonth = true): CalendarDay {
  const start = startOfDay(date, timeZone);
  const end = startOfDay(addDays(date, 1), timeZone);
  return {
    date,
    start,
    end,
    hours: Math.round((end - start) / 3_600_000),
    weekday: weekdayOf(date),
    inMonth,
    isToday: date === today,
  };
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  return addDays(date, -weekdayOf(date));
}

/**
 * Seven days from `anchor`: the week view rolls from today (a queue looks ahead), and steps a
 * week at a time from there.
 */
export function weekDays(anchor: string, timeZone: string, now: number): CalendarDay[] {
  const today = dateOf(now, timeZone);
  return Array.from({ length: 7 }, (_, i) => dayOf(addDays(anchor, i), timeZone, today));
}

/** The whole weeks, Monday first, that hold the month of `anchor` (four to six). */
export function monthDays(anchor: string, timeZone: string, now: number): CalendarDay[] {
  const today = dateOf(now, timeZone);
  const month = anchor.slice(0, 7);
  const first = mondayOf(`${month}-01`);
  const days: CalendarDay[] = [];
  for (let date = first; ; date = addDays(date, 1)) {
    const inMonth = date.startsWith(month);
    if (!inMonth && date > `${month}-01` && weekdayOf(date) === 0) break;
    days.push(dayOf(date, timeZone, today, inMonth));
  }
  return days;
}

/** The days a view shows: a week, a month's weeks, or (list) the two weeks from `anchor`. */
export function daysOf(
  view: CalendarView,
  anchor: string,
  timeZone: string,
  now: number,
): CalendarDay[] {
  if (view === 'week') return weekDays(anchor, timeZone, now);
  if (view === 'month') return monthDays(anchor, timeZone, now);
  const today = dateOf(now, timeZone);
  return Array.from({ length: 14 }, (_, i) => dayOf(addDays(anchor, i), timeZone, today));
}

/** The instants the days cover, for asking the engine. */
export function rangeOf(days: readonly CalendarDay[]): { from: number; to: number } {
  return { from: days[0]?.start ?? 0, to: days[days.length - 1]?.end ?? 0 };
}

/** The anchor one step (a week, a month, two weeks) before or after. */
export function shiftAnchor(anchor: string, view: CalendarView, step: number): string {
  if (view === 'week') return addDays(anchor, 7 * step);
  if (view === 'list') return addDays(anchor, 14 * step);
  const [y, m] = anchor.split('-').map(Number) as [number, number];
  const shifted = new Date(Date.UTC(y, m - 1 + step, 1));
  return shifted.toISOString().slice(0, 10);
}

/** The index of the day that holds `at`, or -1. */
export function dayIndexOf(at: number, days: readonly CalendarDay[]): number {
  return days.findIndex((day) => at >= day.start && at < day.end);
}

/** A day's 24 wall-clock hours, with where a drop on each goes. */
export function hourCells(date: string, timeZone: string): HourCell[] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Array.from({ length: 24 }, (_, hour) => {
    const resolved = resolveWallTime(y, m, d, hour, 0, timeZone);
    return {
      hour,
      at: resolved.instants[0] as number,
      skipped: resolved.skipped,
      repeated: resolved.instants.length > 1,
    };
  });
}

/** The wall-clock hour and minute of an instant in the zone. */
export function wallClockOf(at: number, timeZone: string): { hour: number; minute: number } {
  const wall = wallTimeAt(at, timeZone);
  return { hour: wall.hour, minute: wall.minute };
}

/**
 * The instant showing `date` at `hour`:`minute` in the zone: the first of two when the clocks
 * go back, and the time after the gap when they skip it (02:30 becomes 03:30).
 */
export function instantAt(date: string, hour: number, minute: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return resolveWallTime(y, m, d, hour, minute, timeZone).instants[0] as number;
}

/** "March 2026", "Mar 23 – 29, 2026" or "Mar 30 – Apr 12, 2026", for the header. */
export function titleOf(view: CalendarView, days: readonly CalendarDay[]): string {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return '';
  const format = (date: string, options: Intl.DateTimeFormatOptions) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).format(
      new Date(Date.UTC(y, m - 1, d)),
    );
  };
  if (view === 'month') {
    const middle = days[Math.floor(days.length / 2)] ?? first;
    return format(middle.date, { month: 'long', year: 'numeric' });
  }
  const sameMonth = first.date.slice(0, 7) === last.date.slice(0, 7);
  const year = last.date.slice(0, 4);
  const end = sameMonth
    ? String(Number(last.date.slice(8, 10)))
    : format(last.date, { month: 'short', day: 'numeric' });
  return `${format(first.date, { month: 'short', day: 'numeric' })} – ${end}, ${year}`;
}

import type { Schedule } from '../../../shared/domain/configs';
import { addDays, startOfDay, zoneTransitions } from '../time/zoned-time';
import { civilDay, DAY, LocalDay, localEpochDay } from './local-day';
import { wallRuleOf, type WallRule } from './wall-rule';

/**
 * Occurrence arithmetic. Nothing here steps minute by minute: a day is matched with bit masks,
 * its occurrences are runs of the rule's minutes at one offset (binary-searched), a stretch of
 * months is counted from a table, and the zone's changes come from a cached list
 * (`time/zoned-time.ts`). So the latest missed occurrence, how many were missed and the next
 * one cost about the same after a minute or after years, whatever the zone.
 */
const MINUTE = 60_000;
/** A cron rule such as "0 0 29 2 1" may match only every few years; look this far ahead. */
const MAX_DAYS_AHEAD = 366 * 8;

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
    next = nextWallOccurrence(wallRuleOf(rule), from, schedule.timeZone);
  }
  return next !== null && next < window.until ? next : null;
}

function matches(rule: WallRule, epochDay: number): boolean {
  const date = civilDay(epochDay);
  return rule.matches(date.month, date.day, date.weekday);
}

function nextWallOccurrence(rule: WallRule, after: number, timeZone: string): number | null {
  // Start a day early: a time moved past a gap may belong to the day before.
  const first = localEpochDay(after, timeZone) - 1;
  for (let epochDay = first; epochDay < first + MAX_DAYS_AHEAD; epochDay += 1) {
    if (!matches(rule, epochDay)) continue;
    const found = LocalDay.of(rule, epochDay, timeZone).firstAfter(after);
    if (found === null) continue;
    // A time of the next day may come before a time of this one moved past a gap.
    const following = matches(rule, epochDay + 1)
      ? LocalDay.of(rule, epochDay + 1, timeZone).firstAfter(after)
      : null;
    return following !== null && following < found ? following : found;
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
 * turn a missed window into a single catch-up run. Costs the same for any length of window.
 */
export function latestOccurrence(
  schedule: Schedule,
  after: number,
  upTo: number,
  anchor: number,
): { latest: number | null; count: number } {
  const window = scheduleWindow(schedule);
  const rule = schedule.rule;
  if (rule.kind === 'interval') {
    const first = nextOccurrence(schedule, after, anchor);
    if (first === null || first > upTo) return { latest: null, count: 0 };
    const step = rule.everyMinutes * MINUTE;
    const until = Math.min(upTo, window.until - 1);
    const count = Math.floor((until - first) / step) + 1;
    return { latest: first + (count - 1) * step, count };
  }
  const from = Math.max(after, window.from - 1);
  const to = Math.min(upTo, window.until - 1);
  if (to <= from) return { latest: null, count: 0 };
  const wall = wallRuleOf(rule);
  const timeZone = schedule.timeZone;
  const firstDay = localEpochDay(from, timeZone) - 1;
  const lastDay = localEpochDay(to, timeZone) + 1;
  return {
    latest: latestWallOccurrence(wall, from, to, firstDay, lastDay, timeZone),
    count: countWallOccurrences(wall, from, to, firstDay, lastDay, timeZone),
  };
}

function latestWallOccurrence(
  rule: WallRule,
  after: number,
  upTo: number,
  firstDay: number,
  lastDay: number,
  timeZone: string,
): number | null {
  for (let epochDay = lastDay; epochDay >= firstDay; epochDay -= 1) {
    if (!matches(rule, epochDay)) continue;
    const found = LocalDay.of(rule, epochDay, timeZone).lastAtOrBefore(upTo);
    if (found === null || found <= after) continue;
    // A time of the day before, moved past a gap, may come after a time of this one.
    const previous =
      epochDay > firstDay && matches(rule, epochDay - 1)
        ? LocalDay.of(rule, epochDay - 1, timeZone).lastAtOrBefore(upTo)
        : null;
    return previous !== null && previous > found ? previous : found;
  }
  return null;
}

/**
 * Occurrences in (after, upTo]: the days at both ends and the days around each change of the
 * zone's offset are counted exactly; every other matching day holds all of the rule's minutes.
 */
function countWallOccurrences(
  rule: WallRule,
  after: number,
  upTo: number,
  firstDay: number,
  lastDay: number,
  timeZone: string,
): number {
  const exact = new Set<number>();
  for (const day of [firstDay, firstDay + 1, firstDay + 2, lastDay - 2, lastDay - 1, lastDay]) {
    if (day >= firstDay && day <= lastDay) exact.add(day);
  }
  const changes = zoneTransitions(timeZone, firstDay * DAY - DAY, (lastDay + 2) * DAY);
  for (const change of changes) {
    const day = Math.floor(change.at / DAY);
    for (let near = day - 1; near <= day + 1; near += 1) {
      if (near >= firstDay && near <= lastDay) exact.add(near);
    }
  }
  let count = 0;
  let exactMatching = 0;
  for (const epochDay of exact) {
    if (!matches(rule, epochDay)) continue;
    exactMatching += 1;
    count += LocalDay.of(rule, epochDay, timeZone).countIn(after, upTo);
  }
  const wholeDays = matchingDays(rule, firstDay, lastDay) - exactMatching;
  return count + wholeDays * rule.minutes.length;
}

/** How many days in [firstDay, lastDay] match: one table lookup per month. */
function matchingDays(rule: WallRule, firstDay: number, lastDay: number): number {
  let count = 0;
  for (let epochDay = firstDay; epochDay <= lastDay;) {
    const date = civilDay(epochDay);
    const length = new Date(Date.UTC(date.year, date.month, 0)).getUTCDate();
    const firstWeekday = (((date.weekday - (date.day - 1)) % 7) + 7) % 7;
    const byDate = rule.matchingDaysByDate(date.month, length, firstWeekday);
    const lastDate = Math.min(length, date.day + (lastDay - epochDay));
    count += (byDate[lastDate] as number) - (byDate[date.day - 1] as number);
    epochDay += lastDate - date.day + 1;
  }
  return count;
}

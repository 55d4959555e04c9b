import type { Schedule } from '../../../../shared/domain/configs';
import { cronMatchesDay, parseCron } from '../../../../shared/domain/cron';

/**
 * The meaning of a schedule spelled out the slow way, for tests only: every real minute is
 * looked at through its own `Intl` formatter and nothing of the product's arithmetic is used.
 * A wall time shown for the first time is an occurrence ("every hour" rules: every time it is
 * shown); a wall time skipped by a spring-forward change happens at the skipped time minus the
 * offset before the change (02:30 becomes 03:30), unless the rule is an every-hour one.
 */
const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock at an instant, as milliseconds since 1970 "as if it were UTC". */
export function referenceWallClock(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    (parts.hour ?? 0) % 24,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

interface DayRule {
  everyHour: boolean;
  /** Whether a wall minute (ms "as if UTC") is one of the rule's times on a matching day. */
  isTime(wall: number): boolean;
}

function dayRule(schedule: Schedule): DayRule | null {
  const rule = schedule.rule;
  const minuteOfDay = (wall: number) => Math.floor((((wall % DAY) + DAY) % DAY) / MINUTE);
  switch (rule.kind) {
    case 'interval':
      return null;
    case 'hourly':
      return { everyHour: true, isTime: (wall) => minuteOfDay(wall) % 60 === rule.minute };
    case 'daily': {
      const times = new Set(
        rule.times.map((time) => {
          const [h = 0, m = 0] = time.split(':').map(Number);
          return h * 60 + m;
        }),
      );
      return { everyHour: false, isTime: (wall) => times.has(minuteOfDay(wall)) };
    }
    case 'cron': {
      const parsed = parseCron(rule.expression);
      if (!parsed.ok) throw new Error(parsed.message);
      const spec = parsed.spec;
      return {
        everyHour: spec.everyHour,
        isTime(wall) {
          const date = new Date(wall);
          const minute = minuteOfDay(wall);
          return (
            spec.hours.includes(Math.floor(minute / 60)) &&
            spec.minutes.includes(minute % 60) &&
            cronMatchesDay(spec, date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCDay())
          );
        },
      };
    }
  }
}

/** First real minute whose wall date is `date` or later (scanning the day around it). */
function firstInstantOfDate(date: string, timeZone: string): number {
  const wallMidnight = Date.parse(`${date}T00:00:00Z`);
  for (let t = wallMidnight - 16 * 3_600_000; ; t += MINUTE) {
    if (referenceWallClock(t, timeZone) >= wallMidnight) return t;
  }
}

/**
 * Every occurrence in (`from`, `to`], in order. Scans minute by minute from the local day before
 * `from`, so that a wall time first shown before `from` is known when it is shown again.
 */
export function bruteForceOccurrences(
  schedule: Schedule,
  from: number,
  to: number,
  anchor: number,
): number[] {
  const windowFrom = schedule.startDate
    ? firstInstantOfDate(schedule.startDate, schedule.timeZone)
    : -Infinity;
  const windowUntil = schedule.endDate
    ? firstInstantOfDate(
        new Date(Date.parse(`${schedule.endDate}T00:00:00Z`) + DAY).toISOString().slice(0, 10),
        schedule.timeZone,
      )
    : Infinity;
  const inRange = (t: number) => t > from && t <= to && t >= windowFrom && t < windowUntil;
  const rule = dayRule(schedule);
  if (rule === null) {
    if (schedule.rule.kind !== 'interval') throw new Error('unreachable');
    const step = schedule.rule.everyMinutes * MINUTE;
    const base = Number.isFinite(windowFrom) ? windowFrom : anchor;
    const found: number[] = [];
    const first = base + Math.max(0, Math.floor((from - base) / step)) * step;
    for (let t = first; t <= to; t += step) if (inRange(t)) found.push(t);
    return found;
  }
  const found = new Set<number>();
  const seen = new Set<number>();
  const start = Math.floor((from - DAY - 16 * 3_600_000) / MINUTE) * MINUTE;
  let previous = referenceWallClock(start - MINUTE, schedule.timeZone);
  for (let t = start; t <= to + 3 * 3_600_000; t += MINUTE) {
    const wall = referenceWallClock(t, schedule.timeZone);
    if (wall - previous > MINUTE && !rule.everyHour) {
      // Clocks went forward: the skipped wall times happen after the gap, moved by its length.
      const offsetBefore = previous - (t - MINUTE);
      for (let skipped = previous + MINUTE; skipped < wall; skipped += MINUTE) {
        if (rule.isTime(skipped) && !seen.has(skipped)) {
          seen.add(skipped);
          found.add(skipped - offsetBefore);
        }
      }
    }
    if (rule.isTime(wall) && (rule.everyHour || !seen.has(wall))) found.add(t);
    seen.add(wall);
    previous = wall;
  }
  return [...found].filter(inRange).sort((a, b) => a - b);
}

/** Instants where the zone's offset changes in [from, to] (found day by day, then to the minute). */
export function referenceTransitions(timeZone: string, from: number, to: number): number[] {
  const offset = (t: number) => referenceWallClock(t, timeZone) - t;
  const found: number[] = [];
  for (let day = from; day < to; day += DAY) {
    const end = Math.min(day + DAY, to);
    if (offset(day) === offset(end)) continue;
    let lo = day;
    let hi = end;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offset(mid) === offset(lo)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  return found;
}

/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl, so that schedules, the
 * person's "per hour" and "per day" posting limits and platform quota resets follow
 * daylight-saving changes in their own zone whatever the zone of the machine.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let existing = formatters.get(timeZone);
  if (!existing) {
    existing = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, existing);
  }
  return existing;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallTimeAt(instant: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (Paris in winter: +3 600 000). */
export function offsetAt(instant: number, timeZone: string): number {
  const wall = wallTimeAt(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

export interface ResolvedWallTime {
  /** Instants showing this wall time: two when the clocks go back, else one. */
  instants: number[];
  /** The wall time does not exist (clocks went forward); `instants` holds the shifted time. */
  skipped: boolean;
}

/**
 * The instants at which a wall-clock time happens in a zone. A time skipped by a spring-forward
 * change is moved forward by the length of the gap (02:30 becomes 03:30), as Temporal's
 * "compatible" disambiguation does.
 */
export function resolveWallTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): ResolvedWallTime {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(wall - 86_400_000, timeZone);
  const after = offsetAt(wall + 86_400_000, timeZone);
  const instants: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset;
    if (offsetAt(instant, timeZone) === offset) instants.push(instant);
  }
  if (instants.length === 0) return { instants: [wall - before], skipped: true };
  return { instants: [...new Set(instants)].sort((a, b) => a - b), skipped: false };
}

/** The first instant of a calendar day in a zone (usually midnight). */
export function startOfDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const resolved = resolveWallTime(y, m, d, 0, 0, timeZone);
  return resolved.instants[0] as number;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant the zone's wall clock shows the given local date at 00:00 (or just after). */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  return resolveWallTime(year, month, day, 0, 0, timeZone).instants[0] as number;
}

export function startOfZonedHour(instant: number, timeZone: string): number {
  const wall = wallTimeAt(instant, timeZone);
  return instant - (((instant % 1000) + 1000) % 1000) - (wall.minute * 60 + wall.second) * 1000;
}

export function startOfZonedDay(instant: number, timeZone: string): number {
  const wall = wallTimeAt(instant, timeZone);
  return localMidnight(wall.year, wall.month, wall.day, timeZone);
}

export function startOfNextZonedDay(instant: number, timeZone: string): number {
  const wall = wallTimeAt(instant, timeZone);
  const next = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + 1));
  return localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
}

export function startOfZonedMonth(instant: number, timeZone: string): number {
  const wall = wallTimeAt(instant, timeZone);
  return localMidnight(wall.year, wall.month, 1, timeZone);
}

export function startOfNextZonedMonth(instant: number, timeZone: string): number {
  const wall = wallTimeAt(instant, timeZone);
  const next = new Date(Date.UTC(wall.year, wall.month, 1));
  return localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, 1, timeZone);
}

/** A time of day in the zone on the 24-hour clock: "14:30". */
export function clockIn(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
}

/** A day and a time in the zone: "Tue 3 Mar, 14:30". */
export function dayClockIn(at: number, timeZone: string): string {
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(new Date(at));
  return `${date}, ${clockIn(at, timeZone)}`;
}

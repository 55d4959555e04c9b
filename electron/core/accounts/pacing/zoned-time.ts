/**
 * Calendar boundaries in an IANA time zone without a date library: the person's "per hour" and
 * "per day" limits follow their own clock, YouTube's quota follows Pacific time.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function zonedParts(time: number, timeZone: string): ZonedParts {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(time))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** How far the zone's wall clock is ahead of UTC at `time`. */
export function zoneOffsetMs(time: number, timeZone: string): number {
  const p = zonedParts(time, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (time - (((time % 1000) + 1000) % 1000));
}

/** The instant the zone's wall clock shows the given local date at 00:00. */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  const first = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(first, timeZone);
}

export function startOfZonedHour(time: number, timeZone: string): number {
  const p = zonedParts(time, timeZone);
  return time - (((time % 1000) + 1000) % 1000) - (p.minute * 60 + p.second) * 1000;
}

export function startOfZonedDay(time: number, timeZone: string): number {
  const p = zonedParts(time, timeZone);
  return localMidnight(p.year, p.month, p.day, timeZone);
}

export function startOfNextZonedDay(time: number, timeZone: string): number {
  const p = zonedParts(time, timeZone);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
}

export function startOfZonedMonth(time: number, timeZone: string): number {
  const p = zonedParts(time, timeZone);
  return localMidnight(p.year, p.month, 1, timeZone);
}

export function startOfNextZonedMonth(time: number, timeZone: string): number {
  const p = zonedParts(time, timeZone);
  const next = new Date(Date.UTC(p.year, p.month, 1));
  return localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, 1, timeZone);
}

export const pacificTime = 'America/Los_Angeles';

/** When YouTube's daily quota resets after `time`: the next midnight in Pacific time. */
export function nextYoutubeQuotaReset(time: number): number {
  return startOfNextZonedDay(time, pacificTime);
}

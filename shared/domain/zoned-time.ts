/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl, so that schedules, the
 * person's "per hour" and "per day" posting limits and platform quota resets follow
 * daylight-saving changes in their own zone whatever the zone of the machine.
 *
 * `Intl` is slow (microseconds a call), and the scheduler needs offsets across any gap for
 * thousands of configs in one tick. So each zone's offsets are read once per 32-day stretch
 * (one sample a day, then to the second where two samples differ) and kept as a list of
 * changes; every other question is arithmetic on that list. Zones change their offset at most
 * once in a day, which the daily samples rely on.
 */
const SECOND = 1000;
const DAY = 86_400_000;
const CHUNK_DAYS = 32;
const CHUNK_MS = CHUNK_DAYS * DAY;
/** Stretches kept over all zones (each a few numbers); past this the cache starts again. */
const MAX_CHUNKS = 20_000;

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

/** The offset at a whole-second instant, straight from Intl. */
function intlOffsetAt(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    (parts.hour ?? 0) % 24,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - instant;
}

/** A change of a zone's offset: from `at` on (inclusive), the offset is `offset`. */
export interface ZoneTransition {
  at: number;
  /** The offset before `at`, in milliseconds. */
  before: number;
  /** The offset from `at` on, in milliseconds. */
  offset: number;
}

interface Chunk {
  startOffset: number;
  transitions: ZoneTransition[];
}

const chunks = new Map<string, Map<number, Chunk>>();
let chunkCount = 0;

function readChunk(index: number, timeZone: string): Chunk {
  const start = index * CHUNK_MS;
  const transitions: ZoneTransition[] = [];
  const startOffset = intlOffsetAt(start, timeZone);
  let previous = startOffset;
  for (let day = 1; day <= CHUNK_DAYS; day += 1) {
    const sample = start + day * DAY;
    const offset = intlOffsetAt(sample, timeZone);
    if (offset === previous) continue;
    // One change between the samples: find its first second.
    let lo = sample - DAY;
    let hi = sample;
    while (hi - lo > SECOND) {
      const mid = lo + Math.floor((hi - lo) / 2 / SECOND) * SECOND;
      if (intlOffsetAt(mid, timeZone) === previous) lo = mid;
      else hi = mid;
    }
    if (hi < start + CHUNK_MS) transitions.push({ at: hi, before: previous, offset });
    previous = offset;
  }
  return { startOffset, transitions };
}

function chunkAt(index: number, timeZone: string): Chunk {
  let zone = chunks.get(timeZone);
  if (!zone) {
    zone = new Map();
    chunks.set(timeZone, zone);
  }
  let chunk = zone.get(index);
  if (!chunk) {
    if (chunkCount >= MAX_CHUNKS) {
      chunks.clear();
      chunkCount = 0;
      zone = new Map();
      chunks.set(timeZone, zone);
    }
    chunk = readChunk(index, timeZone);
    zone.set(index, chunk);
    chunkCount += 1;
  }
  return chunk;
}

/** The zone's offset from UTC at an instant, in milliseconds (Paris in winter: +3 600 000). */
export function offsetAt(instant: number, timeZone: string): number {
  const chunk = chunkAt(Math.floor(instant / CHUNK_MS), timeZone);
  let offset = chunk.startOffset;
  for (const transition of chunk.transitions) {
    if (instant < transition.at) break;
    offset = transition.offset;
  }
  return offset;
}

/** The changes of the zone's offset in [from, to), in order. */
export function zoneTransitions(timeZone: string, from: number, to: number): ZoneTransition[] {
  const found: ZoneTransition[] = [];
  const last = Math.floor((to - 1) / CHUNK_MS);
  for (let index = Math.floor(from / CHUNK_MS); index <= last; index += 1) {
    for (const transition of chunkAt(index, timeZone).transitions) {
      if (transition.at >= from && transition.at < to) found.push(transition);
    }
  }
  return found;
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
  const wall = new Date(Math.floor(instant / SECOND) * SECOND + offsetAt(instant, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
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

/**
 * How values are written everywhere in the app: times, sizes, durations and counts. Words that
 * belong to one domain (status names, descriptions) live in that feature's `labels.ts`.
 */

/** A time of day when it is today ("04:18 PM"), else with its date ("Nov 30, 04:18 PM"). */
export function formatClock(time: number, now = Date.now()): string {
  const date = new Date(time);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : formatShortDateTime(time);
}

/** A date and time without the year: "Nov 30, 04:18 PM". */
export function formatShortDateTime(time: number): string {
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(time));
}

/** A schedule's time in its own zone, with the weekday: "Mon, Nov 30, 09:00 AM". */
export function formatZonedDateTime(time: number, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(time));
}

/** A full date and time: "Nov 30, 2026, 4:18 PM". */
export function formatDateTime(time: number): string {
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export { formatBytes } from '../../shared/domain/byte-size';

/** A media length as on a player: "0:03", "1:02:03"; empty when not known. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** Seconds with one decimal: "3.0 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A large count made short ("12k", "1.2M"); a dash when not known. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(1)}M`;
  if (value >= 10_000) return `${Math.round(value / 1000)}k`;
  return value.toLocaleString();
}

/** "1 item", "2 items"; `many` for words that do not just take an s. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A span of time in words, its two largest units: "2 d 3 h", "3 h 12 min", "5 min", "40 s". */
export function formatSpan(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const seconds = Math.max(0, Math.round(ms / 1000));
  const first = units.findIndex(([size]) => seconds >= size);
  if (first === -1) return '0 s';
  const [size, name] = units[first] as [number, string];
  const whole = Math.floor(seconds / size);
  const next = units[first + 1];
  const rest = next ? Math.floor((seconds - whole * size) / next[0]) : 0;
  return rest > 0 && next ? `${whole} ${name} ${rest} ${next[1]}` : `${whole} ${name}`;
}

/** How long ago: "just now", "5 min ago", "3 h 12 min ago". */
export function formatAgo(time: number, now = Date.now()): string {
  const ms = now - time;
  return ms < 30_000 ? 'just now' : `${formatSpan(ms)} ago`;
}

/** How long ago something happened: "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function formatAge(time: number, now = Date.now()): string {
  const minutes = Math.floor(Math.max(0, now - time) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${plural(minutes, 'minute')} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${plural(hours, 'hour')} ago`;
  return `${plural(Math.floor(hours / 24), 'day')} ago`;
}

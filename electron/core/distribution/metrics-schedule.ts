const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Polls stop a year after publishing: engagement has settled long before. */
export const METRICS_HORIZON_MS = 365 * DAY;

/**
 * When to read a post's metrics next: hourly on its first day, daily for a month, then weekly.
 * Returns null once the post is older than the horizon.
 */
export function nextMetricsPoll(publishedAt: number, now: number): number | null {
  const age = now - publishedAt;
  if (age >= METRICS_HORIZON_MS) return null;
  const step = age < DAY ? HOUR : age < 30 * DAY ? DAY : 7 * DAY;
  return now + step;
}

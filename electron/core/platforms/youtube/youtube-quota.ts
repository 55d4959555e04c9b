import { startOfNextZonedDay } from '../../time/zoned-time';

/** YouTube's daily API quota resets at midnight Pacific time, daylight saving included. */
export const pacificTime = 'America/Los_Angeles';

/** When YouTube's daily quota resets after `now`: the next midnight in Pacific time. */
export function nextYouTubeQuotaReset(now: number): number {
  return startOfNextZonedDay(now, pacificTime);
}

/** Milliseconds until that reset (at least 1, so a wait is never zero). */
export function msUntilMidnightPacific(now: number): number {
  return Math.max(1, nextYouTubeQuotaReset(now) - now);
}

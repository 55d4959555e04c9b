export interface BackoffPolicy {
  /** Delay ceiling of the first retry. */
  baseMs: number;
  /** No retry waits longer than this. */
  capMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 5_000, capMs: 30 * 60_000 };

/**
 * Exponential backoff with full jitter: a uniform delay between 0 and min(cap, base * 2^(n-1))
 * after the n-th failed attempt, so that many failing jobs do not retry in lockstep.
 */
export function backoffDelay(
  failedAttempts: number,
  policy: BackoffPolicy,
  random: () => number,
): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(exponent, 40));
  return Math.floor(random() * ceiling);
}

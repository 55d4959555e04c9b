import { z } from 'zod';
import { isPlatformError, unknownOutcomeError, type PlatformError } from './error-classification';
import type { ServiceId } from './platform-endpoints';
import type { AdapterRuntime } from './upload-runtime';

/**
 * The one call that creates a post. It is made once (never repeated in place), right after
 * `context.beforeIrreversible` saved its marker, and what its failure means decides everything:
 * - an answer that refuses it (4xx, 429, an expired token): nothing was posted, thrown as is;
 * - a failure that proves nothing was sent (refused, DNS, no connection): transient, thrown as is;
 * - anything else (a reset or timeout after the request went out, a 5xx a gateway may have sent
 *   after the platform acted, an abort mid-call): `unknown`, the post may exist.
 */
export async function irreversibleCall<T>(service: ServiceId, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw outcomeOfFailure(service, error);
  }
}

function detailOf(error: PlatformError): string {
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  if (typeof cause?.code === 'string') return cause.code;
  return error.reason ?? 'no answer';
}

export function outcomeOfFailure(service: ServiceId, error: unknown): unknown {
  if (isPlatformError(error)) {
    if (error.kind === 'unknown') return error;
    if (error.status !== undefined) {
      if (error.status < 500 && error.status !== 408) return error;
      return unknownOutcomeError(service, `it answered HTTP ${error.status} while creating it`, {
        status: error.status,
        reason: error.reason,
        cause: error,
      });
    }
    if (error.notSent) return error;
    return unknownOutcomeError(
      service,
      `the answer never arrived while it was being created: ${detailOf(error)}`,
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return unknownOutcomeError(service, `the call that creates it was interrupted: ${detail}`, {
    cause: error,
  });
}

/** When the marker of an irreversible call was written (in the adapter's saved state). */
export const markedAt = z.number().int().nonnegative();

/**
 * Before a lookup that could prove the post absent: lists of recent posts lag behind a new
 * post, so too soon after the call the lookup waits (an `unknown` outcome with a retry time).
 */
export function assertLookupSettled(service: ServiceId, runtime: AdapterRuntime, at: number): void {
  const wait = at + runtime.lookupSettleMs - runtime.now();
  if (wait <= 0) return;
  throw unknownOutcomeError(
    service,
    `the platform is given ${Math.ceil(runtime.lookupSettleMs / 1000)} s to list a new post before ReelPilot looks`,
    { retryAfterMs: wait, reason: 'lookup_settling' },
  );
}

/**
 * Looking for a post whose creation may have happened: a failure proves nothing either way, so
 * the outcome stays unknown (never `content`, which would let a retry start over). A token that
 * needs reconnecting, or a rate limit, are still said as such.
 */
export async function duringLookup<T>(service: ServiceId, lookup: () => Promise<T>): Promise<T> {
  try {
    return await lookup();
  } catch (error) {
    if (isPlatformError(error) && (error.kind === 'auth' || error.kind === 'rate')) throw error;
    if (isPlatformError(error) && error.kind === 'unknown') throw error;
    const detail = isPlatformError(error) || error instanceof Error ? error.message : String(error);
    throw unknownOutcomeError(service, `looking for the post failed: ${detail}`, {
      cause: error,
    });
  }
}

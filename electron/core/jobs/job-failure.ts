import { describeError, isDiskFullError } from '../errors';
import type { JobRow } from '../db/schema';
import { backoffDelay, defaultBackoff } from './backoff';
import { PermanentJobError, RetryLaterError, type JobHandler } from './job-handler';
import type { JobFinish } from './job-store';

export const INTERRUPTED = 'ReelPilot stopped while this job was running.';
export const SUSPENDED =
  'The computer went to sleep while this job was running; it goes on after the wake-up.';
export const LEASE_LOST =
  'This job stopped because its worker could not renew its lease in time (a busy database, a stalled or suspended computer); it runs again.';
const LEASE_LOST_NO_ATTEMPTS =
  'This job stopped because its worker could not renew its lease in time (a busy database, a stalled or suspended computer), and no attempts were left.';
/** A full disk is nobody's fault and no reason to give up: the job waits for space. */
const DISK_FULL_RETRY_MS = 60_000;

/**
 * What becomes of a job whose attempt threw: back to the queue (after backoff, or not before
 * the time the handler asked for), dead, or cancelled. An attempt cut short by shutdown, or a
 * wait the handler asked for without spending an attempt, gives the attempt back.
 */
export function decideFailure(input: {
  handler: JobHandler<unknown>;
  row: JobRow;
  error: unknown;
  stopReason: 'shutdown' | 'suspend' | 'cancel' | 'lease' | null;
  stopping: boolean;
  now: number;
  random: () => number;
}): JobFinish {
  const { handler, row, error, now } = input;
  const message = describeError(error);
  if (input.stopReason === 'shutdown' || (input.stopping && input.stopReason === null)) {
    return { state: 'queued', error: INTERRUPTED, notBefore: now, refundAttempt: true };
  }
  if (input.stopReason === 'suspend') {
    return { state: 'queued', error: SUSPENDED, notBefore: now, refundAttempt: true };
  }
  if (input.stopReason === 'cancel') return { state: 'cancelled', error: 'Cancelled.' };
  // Released only while this attempt still holds the token: nobody took the job over.
  if (input.stopReason === 'lease') {
    return row.attempts >= row.max_attempts
      ? { state: 'dead', error: LEASE_LOST_NO_ATTEMPTS }
      : { state: 'queued', error: LEASE_LOST, notBefore: now, refundAttempt: false };
  }
  if (isDiskFullError(error)) {
    return {
      state: 'queued',
      error: `The disk is full (${message}); this goes on when there is room.`,
      notBefore: now + DISK_FULL_RETRY_MS,
      refundAttempt: true,
    };
  }
  if (error instanceof RetryLaterError && !error.countsAsAttempt) {
    return { state: 'queued', error: message, notBefore: error.notBefore, refundAttempt: true };
  }
  if (error instanceof PermanentJobError || row.attempts >= row.max_attempts) {
    return { state: 'dead', error: message };
  }
  const delay = backoffDelay(row.attempts, handler.backoff ?? defaultBackoff, input.random);
  const notBefore = Math.max(
    now + delay,
    error instanceof RetryLaterError ? error.notBefore : -Infinity,
  );
  return { state: 'queued', error: message, notBefore, refundAttempt: false };
}

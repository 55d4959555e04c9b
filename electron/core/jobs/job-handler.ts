import type { JobSummary } from '../../../shared/domain/jobs';
import type { BackoffPolicy } from './backoff';

export interface JobContext {
  readonly jobId: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /**
   * This attempt's lease token, new at every claim. A handler fences its own rows with it
   * (`UPDATE … WHERE lease_token = ?`, no row: stop), so a worker that lost the job can never
   * overwrite what the worker that took it over wrote.
   */
  readonly leaseToken: string;
  /**
   * Aborted when the job is cancelled, the app shuts down, another worker took it over, or the
   * lease the database last confirmed ran out (heartbeats failed: a busy database, a stalled
   * event loop, a suspended machine).
   */
  readonly signal: AbortSignal;
  /**
   * Confirms in the database (one read by primary key) that this attempt still holds the job,
   * with the same lease token and enough lease left to make one call; throws `LeaseLostError`
   * otherwise (and aborts `signal`). Call it right before every irreversible step.
   */
  assertOwner(): Promise<void>;
  /** Renews the lease now, before a long step; throws `LeaseLostError` when it is lost. */
  heartbeat(): Promise<void>;
  /** Reports progress from 0 to 1; stored with the job and pushed to the UI. */
  progress(fraction: number, message?: string | null): void;
}

/**
 * What a kind of job does. Modelled on Signal Desktop's job queues: the data is parsed on read
 * (a row written by an older version may no longer fit), and the kind owns its retry budget.
 */
export interface JobHandler<T> {
  readonly kind: string;
  readonly maxAttempts: number;
  /** Jobs of this kind running at once, across every process on the database. Default 1. */
  readonly concurrency?: number;
  /** How long a lease lasts without a heartbeat. Default 30 s. */
  readonly leaseMs?: number;
  readonly backoff?: BackoffPolicy;
  parseData(data: unknown): T;
  run(data: T, context: JobContext): Promise<unknown>;
  /**
   * Called once a job of this kind reaches a final state (succeeded, dead or cancelled),
   * including the ones that never ran (cancelled while queued, dead after a crash).
   * `data` is null when the stored data no longer parses.
   */
  onSettled?(job: JobSummary, data: T | null): Promise<void> | void;
}

/**
 * This attempt no longer holds the job (another worker took it over, or the lease ran out):
 * whatever the handler was doing must stop without writing an outcome. Thrown by
 * `assertOwner()` and `heartbeat()`; handlers throw it when a fenced write touched no row.
 */
export class LeaseLostError extends Error {
  constructor(
    message = 'This worker no longer holds the job: another worker took it over, or its lease ran out.',
  ) {
    super(message);
    this.name = 'LeaseLostError';
  }
}

/** Thrown by a handler when retrying cannot help: the job goes dead at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/**
 * Thrown by a handler that knows when trying again makes sense: a rate limit's reset, a
 * Retry-After, a pacing rule's next slot. `countsAsAttempt: false` gives the attempt back (a
 * wait is not a failure); otherwise the job goes dead once its attempts are used up.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly notBefore: number,
    readonly countsAsAttempt: boolean,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

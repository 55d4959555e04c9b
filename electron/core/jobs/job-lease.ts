import type { JobRow } from '../db/schema';
import { describeError } from '../errors';
import type { Clock, EventSink, Logger } from '../ports';
import { LeaseLostError, type JobContext } from './job-handler';
import type { JobStore } from './job-store';

export interface Heartbeat {
  /** Stops renewing and watching. */
  stop(): void;
  /** The lease end the database last confirmed. */
  confirmedUntil(): number;
  /** Renews now; false when the job is no longer ours (`onLost` was called). */
  beatNow(): Promise<boolean>;
}

/**
 * Renews a running job's lease every third of its length and keeps the lease end the database
 * confirmed. `onLost` is called when a renewal finds another worker holding the job, and when
 * the confirmed end passes without a renewal (a busy database, a stalled event loop, a suspended
 * machine) and one made right then fails too: from then on another worker may take the job, so
 * the handler must stop.
 */
export function startHeartbeat(input: {
  store: JobStore;
  clock: Clock;
  log: Logger;
  jobId: string;
  leaseToken: string;
  leaseMs: number;
  /** The lease end written when the job was claimed. */
  leaseUntil: number;
  isActive(): boolean;
  onLost(): void;
  onCancelRequested(): void;
}): Heartbeat {
  const { store, clock, log, jobId, leaseToken, leaseMs } = input;
  let confirmed = input.leaseUntil;
  let stopped = false;
  let cancelBeat = () => {};
  let cancelWatch = () => {};

  const watch = () => {
    cancelWatch();
    cancelWatch = clock.setTimeout(
      () => {
        if (stopped) return;
        if (clock.now() < confirmed) return watch();
        // Past the confirmed end another worker may take the job: the handler stops, unless a
        // renewal made now proves that nobody did (a late timer after a short stall).
        renew().then(
          (owned) => {
            if (owned) return;
            log.warn('job lease ran out and another worker holds the job; stopping it');
          },
          (error: unknown) => {
            log.warn('job lease ran out and could not be renewed; stopping the job', {
              confirmedUntil: confirmed,
              error: describeError(error),
            });
            input.onLost();
          },
        );
      },
      Math.max(0, confirmed - clock.now()),
    );
  };

  const renew = async (): Promise<boolean> => {
    const now = clock.now();
    const until = now + leaseMs;
    const check = await store.extendLease(jobId, leaseToken, until, now);
    if (!check.owned) {
      input.onLost();
      return false;
    }
    confirmed = Math.max(confirmed, until);
    if (!stopped) watch();
    if (check.cancelRequested) input.onCancelRequested();
    return true;
  };

  const beat = () => {
    if (stopped) return;
    cancelBeat = clock.setTimeout(() => {
      renew()
        .catch((error: unknown) => log.warn('heartbeat failed', { error: describeError(error) }))
        .finally(() => {
          if (input.isActive()) beat();
        });
    }, leaseMs / 3);
  };

  watch();
  beat();
  return {
    stop() {
      stopped = true;
      cancelBeat();
      cancelWatch();
    },
    confirmedUntil: () => confirmed,
    beatNow: renew,
  };
}

/**
 * `assertOwner()` and `heartbeat()` of a job's context. A check that cannot be made (the
 * database is busy) counts as a lost lease: nothing irreversible happens without it.
 */
export function ownershipChecks(input: {
  store: JobStore;
  clock: Clock;
  heartbeat: Heartbeat;
  jobId: string;
  leaseToken: string;
  leaseMs: number;
  signal: AbortSignal;
  onLost(): void;
}) {
  const { store, clock, heartbeat, jobId, leaseToken, signal } = input;
  // Enough lease left for one call to finish before another worker could take the job.
  const margin = Math.min(input.leaseMs / 4, 15_000);
  const confirm = async (check: () => Promise<boolean>) => {
    let owned: boolean;
    let cause: unknown;
    try {
      owned = await check();
    } catch (error) {
      owned = false;
      cause = error;
    }
    if (owned) return;
    input.onLost();
    throw new LeaseLostError(
      cause === undefined
        ? undefined
        : `This worker could not confirm that it still holds the job (${describeError(cause)}), so it stopped before the next step.`,
    );
  };
  return {
    heartbeat: () => confirm(() => heartbeat.beatNow()),
    async assertOwner(): Promise<void> {
      signal.throwIfAborted();
      if (heartbeat.confirmedUntil() - clock.now() < margin)
        await confirm(() => heartbeat.beatNow());
      await confirm(() => store.holdsLease(jobId, leaseToken, clock.now() + margin));
      signal.throwIfAborted();
    },
  };
}

/** Progress of a running job: pushed to the UI and stored, skipping changes under 1 %. */
export function progressReporter(input: {
  store: JobStore;
  clock: Clock;
  log: Logger;
  events: EventSink | undefined;
  row: JobRow;
  leaseToken: string;
}) {
  const { store, clock, log, events, row, leaseToken } = input;
  let writes = Promise.resolve();
  let lastProgress = -1;
  let lastMessage: string | null = null;
  return {
    report(fraction: number, message: string | null = null): void {
      const value = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
      if (Math.abs(value - lastProgress) < 0.01 && message === lastMessage && value !== 1) return;
      lastProgress = value;
      lastMessage = message;
      events?.emit('jobs:progress', {
        id: row.id,
        kind: row.kind,
        state: 'running',
        progress: value,
        message,
      });
      writes = writes
        .then(() => store.saveProgress(row.id, leaseToken, value, message, clock.now()))
        .catch((error: unknown) => log.warn('progress not saved', { error: describeError(error) }));
    },
    /** Resolves once every progress write has reached the store. */
    flushed: () => writes,
  };
}

/**
 * What one attempt of a job runs with: its heartbeat (and the watch on its confirmed lease),
 * its progress reporter, and the context its handler gets.
 */
export function startAttempt(input: {
  store: JobStore;
  clock: Clock;
  log: Logger;
  events: EventSink | undefined;
  row: JobRow;
  leaseMs: number;
  signal: AbortSignal;
  isActive(): boolean;
  stop(reason: 'lease' | 'cancel'): void;
}) {
  const { store, clock, log, row, leaseMs, signal } = input;
  const leaseToken = row.lease_token ?? '';
  const heartbeat = startHeartbeat({
    store,
    clock,
    log,
    jobId: row.id,
    leaseToken,
    leaseMs,
    leaseUntil: row.lease_expires_at ?? clock.now(),
    isActive: input.isActive,
    onLost: () => input.stop('lease'),
    onCancelRequested: () => input.stop('cancel'),
  });
  const reporter = progressReporter({ store, clock, log, events: input.events, row, leaseToken });
  const ownership = ownershipChecks({
    store,
    clock,
    heartbeat,
    jobId: row.id,
    leaseToken,
    leaseMs,
    signal,
    onLost: () => input.stop('lease'),
  });
  const context: JobContext = {
    jobId: row.id,
    attempt: row.attempts,
    maxAttempts: row.max_attempts,
    leaseToken,
    signal,
    progress: reporter.report,
    heartbeat: ownership.heartbeat,
    assertOwner: ownership.assertOwner,
  };
  return { context, heartbeat, reporter };
}

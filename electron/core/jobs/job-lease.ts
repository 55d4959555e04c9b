import type { JobRow } from '../db/schema';
import { describeError } from '../errors';
import type { Clock, EventSink, Logger } from '../ports';
import type { JobStore } from './job-store';

/**
 * Renews a running job's lease every third of its length, and tells the worker when the lease
 * was lost (another worker took the job over) or a cancel was asked for from anywhere.
 * Returns the function that stops the heartbeat.
 */
export function startHeartbeat(input: {
  store: JobStore;
  clock: Clock;
  log: Logger;
  jobId: string;
  owner: string;
  leaseMs: number;
  isActive(): boolean;
  onLost(): void;
  onCancelRequested(): void;
}): () => void {
  const { store, clock, log, jobId, owner, leaseMs } = input;
  let stop = () => {};
  let stopped = false;
  const beat = () => {
    if (stopped) return;
    stop = clock.setTimeout(() => {
      const now = clock.now();
      store.extendLease(jobId, owner, now + leaseMs, now).then(
        (check) => {
          if (!check.owned) input.onLost();
          else if (check.cancelRequested) input.onCancelRequested();
          if (input.isActive()) beat();
        },
        (error: unknown) => {
          log.warn('heartbeat failed', { error: describeError(error) });
          if (input.isActive()) beat();
        },
      );
    }, leaseMs / 3);
  };
  beat();
  return () => {
    stopped = true;
    stop();
  };
}

/** Progress of a running job: pushed to the UI and stored, skipping changes under 1 %. */
export function progressReporter(input: {
  store: JobStore;
  clock: Clock;
  log: Logger;
  events: EventSink | undefined;
  row: JobRow;
  owner: string;
}) {
  const { store, clock, log, events, row, owner } = input;
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
        .then(() => store.saveProgress(row.id, owner, value, message, clock.now()))
        .catch((error: unknown) => log.warn('progress not saved', { error: describeError(error) }));
    },
    /** Resolves once every progress write has reached the store. */
    flushed: () => writes,
  };
}

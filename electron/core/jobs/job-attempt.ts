/**
 * One attempt at a claimed job: run the handler under its lease, decide what the outcome means
 * (success, retry, dead) and save it under the lease token, retrying the save on a full disk.
 * Kept apart from the queue, which decides what to claim and when, and announces the results.
 */
import type { JobRow } from '../db/schema';
import { describeError, isDiskFullError } from '../errors';
import type { Clock, EventSink, Logger } from '../ports';
import type { ActiveJob, ActiveJobs } from './active-jobs';
import { decideFailure } from './job-failure';
import { LeaseLostError, PermanentJobError, type JobHandler } from './job-handler';
import { startAttempt } from './job-lease';
import type { JobFinish, JobStore } from './job-store';

/** How soon an outcome that could not be saved (a full disk) is tried again. */
const OUTCOME_RETRY_MS = 5_000;

export interface JobAttemptDeps {
  store: JobStore;
  clock: Clock;
  logger: Logger;
  events: EventSink | undefined;
  random: () => number;
  active: ActiveJobs;
  /** Whether the queue is shutting down; asked at each step, as it may start mid-attempt. */
  stopping(): boolean;
}

/**
 * Runs the attempt and saves its outcome. The saved row, or null when the lease was lost and
 * the outcome is left to the worker that took the job over.
 */
export async function runJobAttempt(
  deps: JobAttemptDeps,
  handler: JobHandler<unknown>,
  row: JobRow,
  active: ActiveJob,
  log: Logger,
): Promise<JobRow | null> {
  const { store, clock } = deps;
  const leaseMs = handler.leaseMs ?? 30_000;
  const { context, heartbeat, reporter } = startAttempt({
    store,
    clock,
    log,
    events: deps.events,
    row,
    leaseMs,
    signal: active.controller.signal,
    isActive: () => deps.active.has(row.id),
    stop: (reason) => deps.active.stop(row.id, reason),
  });

  let outcome: JobFinish;
  try {
    if (deps.stopping()) throw new Error('shutting down');
    let data: unknown;
    try {
      data = handler.parseData(JSON.parse(row.data) as unknown);
    } catch (error) {
      throw new PermanentJobError(
        `The job's data could not be read (${describeError(error)}). It was probably written by another version of ReelPilot.`,
      );
    }
    const result = await handler.run(data, context);
    outcome = {
      state: 'succeeded',
      result: result === undefined ? null : JSON.stringify(result),
    };
  } catch (error) {
    if (error instanceof LeaseLostError) deps.active.stop(row.id, 'lease');
    outcome = decideFailure({
      handler,
      row,
      error,
      stopReason: active.reason,
      stopping: deps.stopping(),
      now: clock.now(),
      random: deps.random,
    });
    // A full disk is always logged: the automation hears it there and holds the work.
    if (outcome.state !== 'queued' || !outcome.refundAttempt || isDiskFullError(error)) {
      log.warn('job attempt failed', { error: describeError(error), next: outcome.state });
    }
  } finally {
    heartbeat.stop();
  }
  await reporter.flushed();
  const finished = await saveOutcome(deps, row, context.leaseToken, outcome, log);
  if (!finished) {
    if (active.reason === 'lease')
      log.warn('job lease was lost; its outcome is left to the worker that took it over');
    return null;
  }
  if (active.reason === 'lease') log.warn('job lease ran out; the job goes back to the queue');
  return finished;
}

/**
 * Saves a job's outcome; when that fails (a full disk), tries again every few seconds while
 * the queue runs, holding the job's place, so the outcome is neither lost nor redone.
 */
async function saveOutcome(
  deps: JobAttemptDeps,
  row: JobRow,
  leaseToken: string,
  outcome: JobFinish,
  log: Logger,
): Promise<JobRow | null> {
  const { store, clock } = deps;
  for (;;) {
    try {
      return await store.finish(row.id, leaseToken, outcome, clock.now());
    } catch (error) {
      if (deps.stopping()) throw error;
      log.error('job outcome could not be saved; trying again shortly', {
        error: describeError(error),
      });
      await new Promise<void>((resolve) => clock.setTimeout(resolve, OUTCOME_RETRY_MS));
    }
  }
}

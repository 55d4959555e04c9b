import type { JobListInput, JobState, JobSummary } from '../../../shared/domain/jobs';
import type { JobRow } from '../db/schema';
import { AppError, describeError } from '../errors';
import type { Clock, EventSink, IdGenerator, Logger } from '../ports';
import { ActiveJobs, type ActiveJob } from './active-jobs';
import { runJobAttempt, type JobAttemptDeps } from './job-attempt';
import type { JobHandler } from './job-handler';
import { INTERRUPTED } from './job-failure';
import type { JobHolds } from './job-holds';
import { toJobSummary } from './job-summary';
import type { JobStore } from './job-store';

export interface JobQueueOptions {
  store: JobStore;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  events?: EventSink;
  /** Names this worker in leases; one per process. */
  owner?: string;
  /** Longest sleep between looks at the table (other processes may enqueue). Default 5 s. */
  pollMs?: number;
  /** How long `shutdown()` lets running jobs finish before aborting them. Default 10 s. */
  shutdownGraceMs?: number;
  random?: () => number;
  /** Final jobs are kept this long (their errors stay readable), then deleted. Default 30 days. */
  retentionMs?: number;
  /** Holds jobs back without touching them (Pause all, sleep); consulted before every claim. */
  holds?: JobHolds;
  /**
   * No other worker uses the database (the engine holds the data-folder lock): a job left
   * running at start-up belongs to a process that died, and goes back to the queue at once
   * instead of after its lease.
   */
  soleWorker?: boolean;
}

export interface EnqueueOptions {
  /** A second enqueue with the same key returns the first job instead of adding one. */
  idempotencyKey?: string | null;
  /** Higher runs first. Default 0. */
  priority?: number;
  notBefore?: number;
  maxAttempts?: number;
}

const finalStates: readonly JobState[] = ['succeeded', 'dead', 'cancelled'];

/**
 * The one durable queue: renders now; uploads, metric polls, backups and batch items later.
 * Jobs live in SQLite and are leased by a worker; a lease kept alive by heartbeats survives
 * long jobs, and a lease that expires (the process died) hands the job back to the queue.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler<unknown>>();
  private readonly active = new ActiveJobs();
  private readonly owner: string;
  private readonly pollMs: number;
  private readonly random: () => number;
  private started = false;
  private stopped = false;
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;
  private cancelWake: (() => void) | null = null;
  private shutdownPromise: Promise<void> | null = null;
  private lastPruneAt = -Infinity;
  private unsubscribeHolds: (() => void) | null = null;
  private readonly attemptDeps: JobAttemptDeps;

  constructor(private readonly options: JobQueueOptions) {
    this.owner = options.owner ?? `worker-${options.ids.newId()}`;
    this.pollMs = options.pollMs ?? 5_000;
    this.random = options.random ?? Math.random;
    this.attemptDeps = {
      store: options.store,
      clock: options.clock,
      logger: options.logger,
      events: options.events,
      random: this.random,
      active: this.active,
      stopping: () => this.stopped,
    };
  }

  register<T>(handler: JobHandler<T>): void {
    if (this.handlers.has(handler.kind)) {
      throw new Error(`A handler for job kind "${handler.kind}" is already registered`);
    }
    if (handler.maxAttempts < 1) throw new Error(`maxAttempts of ${handler.kind} must be ≥ 1`);
    this.handlers.set(handler.kind, handler as JobHandler<unknown>);
    if (this.started) this.wake();
  }

  /** Recovers jobs whose worker died, then starts taking work. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (this.options.soleWorker) await this.recover(Infinity);
    this.unsubscribeHolds =
      this.options.holds?.onChange(({ suspend }) => {
        for (const kind of suspend) this.suspend(kind);
        this.wake();
      }) ?? null;
    await this.pump();
  }

  /** Jobs whose lease ended by `expiredBy` go back to the queue (or to dead, or settle). */
  private async recover(expiredBy: number): Promise<void> {
    const { store, clock } = this.options;
    const recovered = await store.recoverExpired(
      clock.now(),
      INTERRUPTED,
      this.active.ids(),
      expiredBy,
    );
    for (const row of recovered) {
      this.options.logger.warn('job lease expired; the worker stopped mid-job', {
        id: row.id,
        kind: row.kind,
        state: row.state,
      });
      this.emit(toJobSummary(row));
      if (finalStates.includes(row.state)) await this.settled(row);
    }
  }

  async enqueue(
    kind: string,
    data: unknown,
    options: EnqueueOptions = {},
  ): Promise<{ job: JobSummary; created: boolean }> {
    const handler = this.handlers.get(kind);
    if (!handler) throw new Error(`No handler is registered for job kind "${kind}"`);
    handler.parseData(data);
    const now = this.options.clock.now();
    const { row, created } = await this.options.store.insert(
      {
        id: this.options.ids.newId(),
        kind,
        data: JSON.stringify(data),
        idempotencyKey: options.idempotencyKey ?? null,
        priority: options.priority ?? 0,
        maxAttempts: options.maxAttempts ?? handler.maxAttempts,
        notBefore: options.notBefore ?? now,
      },
      now,
    );
    const job = toJobSummary(row);
    if (created) {
      this.emit(job);
      this.wake();
    }
    return { job, created };
  }

  async get(id: string): Promise<JobSummary | null> {
    const row = await this.options.store.get(id);
    return row ? toJobSummary(row) : null;
  }

  async list(filter: JobListInput): Promise<JobSummary[]> {
    return (await this.options.store.list(filter)).map(toJobSummary);
  }

  /** Cancels a queued job at once; a running job is asked to stop (here or in its process). */
  async cancel(id: string): Promise<JobSummary> {
    const request = await this.options.store.requestCancel(id, this.options.clock.now());
    if (!request) throw new AppError('NOT_FOUND', 'That job no longer exists.');
    const { row, effect } = request;
    const job = toJobSummary(row);
    if (effect === 'cancelled') {
      this.emit(job);
      await this.settled(row);
    } else if (effect === 'flagged') {
      this.active.stop(id, 'cancel');
      this.emit(job);
    }
    return job;
  }

  /**
   * Runs a queued job at `notBefore` instead of its own time (a post the person moved). False
   * when the job is not queued: running now, or final.
   */
  async reschedule(id: string, notBefore: number): Promise<boolean> {
    const row = await this.options.store.moveQueued(id, notBefore, this.options.clock.now());
    if (!row) return false;
    this.emit(toJobSummary(row));
    this.wake();
    return true;
  }

  /** Stops taking work, lets running jobs finish (aborting them after the grace time). */
  shutdown(graceMs = this.options.shutdownGraceMs ?? 10_000): Promise<void> {
    this.shutdownPromise ??= (async () => {
      this.stopped = true;
      this.cancelWake?.();
      this.cancelWake = null;
      this.unsubscribeHolds?.();
      this.unsubscribeHolds = null;
      await this.pumping;
      await this.active.drain(graceMs, this.options.clock);
    })();
    return this.shutdownPromise;
  }

  /** Resolves when this worker runs nothing and nothing it could run is due now. */
  async idle(): Promise<void> {
    for (;;) {
      await this.pumping;
      if (this.active.size === 0 && !this.pumping) return;
      await this.active.settled();
    }
  }

  /** Looks for work now (after Resume, a wake-up from sleep, or a change of holds). */
  wake(): void {
    if (!this.started || this.stopped) return;
    void this.pump();
  }

  /**
   * Stops the running jobs of `kind` without spending an attempt: they go back to the queue and
   * continue from their saved progress when claimed again (the machine is going to sleep).
   */
  suspend(kind: string): number {
    const count = this.active.stopKind(kind, 'suspend');
    if (count > 0) this.options.logger.info('running jobs suspended', { kind, count });
    return count;
  }

  private pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return this.pumping;
    }
    this.pumping = (async () => {
      try {
        do {
          this.pumpAgain = false;
          await this.pumpOnce();
        } while (this.pumpAgain && !this.stopped);
      } catch (error) {
        this.options.logger.error('job queue could not look for work', {
          error: describeError(error),
        });
      } finally {
        this.pumping = null;
      }
      await this.armWake();
    })();
    return this.pumping;
  }

  private async pumpOnce(): Promise<void> {
    const { store, clock } = this.options;
    if (clock.now() - this.lastPruneAt >= 3_600_000) {
      this.lastPruneAt = clock.now();
      const pruned = await store.prune(clock.now() - (this.options.retentionMs ?? 30 * 86_400_000));
      if (pruned > 0) this.options.logger.info('old finished jobs deleted', { count: pruned });
    }
    await this.recover(clock.now());
    for (const handler of this.handlers.values()) {
      const concurrency = handler.concurrency ?? 1;
      const floor = this.options.holds?.claimFloor(handler.kind) ?? null;
      if (floor === Number.POSITIVE_INFINITY) continue;
      while (!this.stopped && this.active.runningOf(handler.kind) < concurrency) {
        const now = clock.now();
        const row = await store.claim(
          handler.kind,
          this.owner,
          this.options.ids.newId(),
          now,
          now + (handler.leaseMs ?? 30_000),
          concurrency,
          floor ?? undefined,
        );
        if (!row) break;
        this.launch(handler, row);
      }
    }
  }

  private async armWake(): Promise<void> {
    if (this.stopped) return;
    this.cancelWake?.();
    const { clock, store } = this.options;
    let delay = this.pollMs;
    try {
      const now = clock.now();
      const at = await store.nextWakeAt([...this.handlers.keys()], now, this.active.ids());
      if (at !== null) delay = Math.min(delay, Math.max(0, at - now));
    } catch (error) {
      this.options.logger.error('job queue could not read its next wake time', {
        error: describeError(error),
      });
    }
    if (this.stopped) return;
    this.cancelWake?.();
    // A job due "now" that could not be claimed (concurrency full) waits for a finish or a poll.
    this.cancelWake = clock.setTimeout(() => this.wake(), delay === 0 ? this.pollMs : delay);
  }

  private launch(handler: JobHandler<unknown>, row: JobRow): void {
    const controller = new AbortController();
    const active: ActiveJob = {
      id: row.id,
      kind: row.kind,
      controller,
      reason: null,
      done: Promise.resolve(),
    };
    this.active.add(active);
    active.done = this.execute(handler, row, active)
      .catch((error: unknown) => {
        // The queue stopped before the outcome could be saved (a full disk): the next start
        // takes the job up again. A rejection left here would end the process.
        this.options.logger.error('job outcome could not be saved', {
          id: row.id,
          kind: row.kind,
          error: describeError(error),
        });
      })
      .finally(() => {
        this.active.delete(row.id);
        this.wake();
      });
  }

  private async execute(handler: JobHandler<unknown>, row: JobRow, active: ActiveJob) {
    const log = this.options.logger.child({ job: row.id, kind: row.kind, attempt: row.attempts });
    this.emit(toJobSummary(row));
    const finished = await runJobAttempt(this.attemptDeps, handler, row, active, log);
    if (!finished) return;
    this.emit(toJobSummary(finished));
    if (finalStates.includes(finished.state)) await this.settled(finished);
  }

  private async settled(row: JobRow): Promise<void> {
    const handler = this.handlers.get(row.kind);
    if (!handler?.onSettled) return;
    let data: unknown = null;
    try {
      data = handler.parseData(JSON.parse(row.data) as unknown);
    } catch {
      data = null;
    }
    try {
      await handler.onSettled(toJobSummary(row), data);
    } catch (error) {
      this.options.logger.error('job settle hook failed', {
        id: row.id,
        kind: row.kind,
        error: describeError(error),
      });
    }
  }

  private emit(job: JobSummary): void {
    this.options.events?.emit('jobs:progress', {
      id: job.id,
      kind: job.kind,
      state: job.state,
      progress: job.progress,
      message: job.progressMessage,
    });
  }
}

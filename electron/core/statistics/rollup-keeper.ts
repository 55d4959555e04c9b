import { z } from 'zod';
import type { RebuildStatus } from '../../../shared/domain/statistics';
import { describeError } from '../errors';
import type { JobHandler, JobQueue } from '../jobs/jobs-module';
import type { Clock, EventSink, IdGenerator, Logger } from '../ports';
import { FactRecorder } from './fact-recorder';
import { rebuildRollups } from './rollup-rebuild';
import type { StatisticsRepository } from './statistics-repository';

export const REBUILD_JOB = 'statistics-rebuild';
const rebuildJobSchema = z.object({ reason: z.string() });
type RebuildJobData = z.infer<typeof rebuildJobSchema>;

/** New figures are announced at most this often, so a busy engine does not flood the UI. */
const UPDATED_EVERY_MS = 2_000;

export interface RollupKeeperDeps {
  repository: StatisticsRepository;
  /** The Settings time zone, which the rollups follow. */
  settingsZone(): Promise<string>;
  queue: JobQueue;
  clock: Clock;
  ids: IdGenerator;
  events: EventSink;
  logger: Logger;
}

/**
 * Keeps the rollups in step with the engine: the zone they are bucketed in, the recorder the
 * producing modules call, and their rebuild (a job on the durable queue, so a crash in the
 * middle only means it runs again): at first start over existing data, after the Settings time
 * zone changed, after a recording failed, and when the person asks.
 */
export class RollupKeeper {
  readonly recorder: FactRecorder;
  private zone: string | null = null;
  private status: RebuildStatus = {
    state: 'ready',
    done: 0,
    total: 0,
    builtAt: null,
    timeZone: null,
    error: null,
  };
  private cancelUpdated: (() => void) | null = null;
  private rebuildAfterFailure = false;

  constructor(private readonly deps: RollupKeeperDeps) {
    this.recorder = new FactRecorder({
      zone: () => this.zone,
      logger: deps.logger,
      recorded: () => this.announceUpdate(),
      failed: () => {
        if (this.rebuildAfterFailure) return;
        this.rebuildAfterFailure = true;
        // After the event's transaction: enqueueing inside it would wait for itself.
        setImmediate(() => {
          this.rebuildAfterFailure = false;
          this.requestRebuild('a change could not be recorded').catch((error: unknown) =>
            deps.logger.error('statistics rebuild not queued', { error: describeError(error) }),
          );
        });
      },
    });
  }

  timeZone(): string | null {
    return this.zone;
  }

  currentStatus(): RebuildStatus {
    return { ...this.status };
  }

  /**
   * At start-up, before anything runs: the zone of the rollups, and a rebuild when they were
   * never built over existing data, are in another zone than Settings, or a rebuild was cut
   * short (its job is still on the queue and runs again).
   */
  async recover(): Promise<void> {
    const { repository } = this.deps;
    const settingsZone = await this.deps.settingsZone();
    const state = await repository.readState();
    if (!state) {
      const history = await repository.hasRawHistory();
      await repository.writeState({
        time_zone: settingsZone,
        built_at: history ? null : this.deps.clock.now(),
      });
      this.zone = settingsZone;
      this.setStatus({ builtAt: history ? null : this.deps.clock.now(), timeZone: settingsZone });
      if (history) await this.requestRebuild('statistics were never built from the history');
      return;
    }
    this.zone = state.time_zone;
    this.setStatus({ builtAt: state.built_at, timeZone: state.time_zone });
    const job = state.rebuild_job_id ? await this.deps.queue.get(state.rebuild_job_id) : null;
    if (job && (job.state === 'queued' || job.state === 'running')) {
      this.setStatus({ state: 'queued' });
    } else if (state.rebuild_error) {
      this.setStatus({ state: 'failed', error: state.rebuild_error });
    }
    if (state.time_zone !== settingsZone) await this.requestRebuild('the time zone changed');
  }

  async timeZoneChanged(zone: string): Promise<void> {
    if (zone !== this.zone) await this.requestRebuild('the time zone changed');
  }

  /** Queues a rebuild unless one is already waiting to run (a running one may be out of date). */
  async requestRebuild(reason: string): Promise<RebuildStatus> {
    const { repository, queue } = this.deps;
    const state = await repository.readState();
    const waiting = state?.rebuild_job_id ? await queue.get(state.rebuild_job_id) : null;
    if (waiting?.state !== 'queued') {
      const { job } = await queue.enqueue(
        REBUILD_JOB,
        { reason },
        { idempotencyKey: `${REBUILD_JOB}:${this.deps.ids.newId()}` },
      );
      await repository.writeState({
        time_zone: state?.time_zone ?? this.zone ?? (await this.deps.settingsZone()),
        rebuild_job_id: job.id,
      });
      this.deps.logger.info('statistics rebuild queued', { reason, jobId: job.id });
    }
    if (this.status.state !== 'running') this.setStatus({ state: 'queued', error: null });
    return this.currentStatus();
  }

  rebuildHandler(): JobHandler<RebuildJobData> {
    return {
      kind: REBUILD_JOB,
      maxAttempts: 3,
      concurrency: 1,
      leaseMs: 60_000,
      backoff: { baseMs: 5_000, capMs: 60_000 },
      parseData: (data) => rebuildJobSchema.parse(data),
      run: async ({ reason }, context) => {
        const { repository, clock, logger } = this.deps;
        const zone = await this.deps.settingsZone();
        const started = clock.now();
        await repository.writeState({
          time_zone: zone,
          rebuild_job_id: context.jobId,
          rebuild_error: null,
        });
        this.zone = zone;
        this.setStatus({ state: 'running', done: 0, total: 0, timeZone: zone, error: null });
        logger.info('statistics rebuild started', { reason, timeZone: zone });
        const result = await rebuildRollups({
          repository,
          timeZone: zone,
          signal: context.signal,
          pause: () => new Promise((resolve) => setImmediate(resolve)),
          progress: ({ done, total }) => {
            context.progress(total > 0 ? Math.min(1, done / total) : 1, 'Rebuilding statistics');
            this.setStatus({ state: 'running', done, total });
          },
        });
        const builtAt = clock.now();
        // Another rebuild may have been asked for meanwhile: it stays queued.
        const next = (await repository.readState())?.rebuild_job_id;
        const another = next !== null && next !== undefined && next !== context.jobId;
        await repository.updateState({
          built_at: builtAt,
          rebuild_error: null,
          ...(another ? {} : { rebuild_job_id: null }),
        });
        this.setStatus({
          state: another ? 'queued' : 'ready',
          builtAt,
          done: result.done,
          total: result.total,
        });
        logger.info('statistics rebuilt', { ...result, ms: builtAt - started });
        this.announceUpdate();
        if ((await this.deps.settingsZone()) !== zone) {
          await this.requestRebuild('the time zone changed during the rebuild');
        }
        return result;
      },
      onSettled: async (job) => {
        if (job.state === 'dead') {
          const error = `Statistics could not be rebuilt: ${job.lastError ?? 'unknown error'}. Try again with Rebuild statistics.`;
          await this.deps.repository.updateState({ rebuild_error: error, rebuild_job_id: null });
          this.setStatus({ state: 'failed', error });
        } else if (job.state === 'cancelled') {
          await this.deps.repository.updateState({ rebuild_job_id: null });
          this.setStatus({ state: 'ready' });
        }
      },
    };
  }

  stop(): void {
    this.cancelUpdated?.();
    this.cancelUpdated = null;
  }

  private setStatus(patch: Partial<RebuildStatus>): void {
    this.status = { ...this.status, ...patch };
    if (patch.state !== undefined || patch.done !== undefined) {
      this.deps.events.emit('statistics:rebuild', this.currentStatus());
    }
  }

  private announceUpdate(): void {
    if (this.cancelUpdated) return;
    this.cancelUpdated = this.deps.clock.setTimeout(() => {
      this.cancelUpdated = null;
      this.deps.events.emit('statistics:updated', { at: this.deps.clock.now() });
    }, UPDATED_EVERY_MS);
  }
}

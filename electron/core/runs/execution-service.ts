import { z } from 'zod';
import type { ConfigDraft, ConfigRun, RunPosts, RunTrigger } from '../../../shared/domain/configs';
import type { ConfigRunRow } from '../db/schema';
import { AppError, describeError } from '../errors';
import { renderingUnavailable, type GenerationPorts } from '../generation/generation-module';
import {
  AUTOMATIC_PRIORITY,
  PERSON_REQUESTED_PRIORITY,
  type JobHandler,
  type JobQueue,
} from '../jobs/jobs-module';
import type { Clock, EventSink, IdGenerator, Logger } from '../ports';
import { assignAccounts } from './account-assignment';
import { renderAttempt } from './render-attempt';
import { RenderedHandOver } from './rendered-hand-over';
import type { RenderedVideo } from './rendered-video';
import {
  busyRunMessage,
  finalVideoStates,
  readSnapshot,
  runOutcome,
  toRunDto,
} from './run-records';
import type { ConfigRunWithVideos, RunRepository } from './run-repository';
import type { RenderStepDeps } from './render-step';

export const RENDER_JOB = 'render';

const renderJobSchema = z.object({ videoId: z.string().min(1) });
export type RenderJobData = z.infer<typeof renderJobSchema>;

/**
 * Runs of configs: a run records the config as it was, spreads its videos over accounts, and
 * puts one render job per video on the queue. The render job calls the render engine through
 * `RenderPort` and writes the outcome into the run's history.
 */
export class ExecutionService {
  private readonly runListeners: Array<(configId: string) => void> = [];

  constructor(
    private readonly repository: RunRepository,
    private readonly deps: {
      queue: JobQueue;
      clock: Clock;
      ids: IdGenerator;
      events: EventSink;
      logger: Logger;
      random: () => number;
      /** Null until the render engine and the media library are part of the build. */
      generation: GenerationPorts | null;
      /** What became of each run's posts (the configs' read model over distribution). */
      runPosts(runIds: readonly string[]): Promise<Map<string, RunPosts>>;
    },
  ) {
    this.handOver = new RenderedHandOver(repository, deps.logger);
    this.renderStep = {
      repository,
      clock: deps.clock,
      logger: deps.logger,
      publish: (runId) => this.publish(runId),
    };
  }

  private readonly handOver: RenderedHandOver;
  private readonly renderStep: RenderStepDeps;

  /** Called when a run starts or ends (the config's "last run" changes). */
  onRunChanged(listener: (configId: string) => void): void {
    this.runListeners.push(listener);
  }

  /** Called once per video after it rendered (distribution posts it); a throw fails the attempt. */
  onVideoRendered(listener: (video: RenderedVideo) => Promise<void>): void {
    this.handOver.listen(listener);
  }

  snapshot(configId: string, config: ConfigDraft): string {
    return JSON.stringify({ configId, config });
  }

  /**
   * Starts a run by hand, unless the config has one starting or rendering: the check and the
   * insert are one statement, so two clicks or two windows cannot both start one.
   */
  async executeNow(configId: string, config: ConfigDraft): Promise<ConfigRun> {
    if (!this.deps.generation) throw renderingUnavailable();
    const now = this.deps.clock.now();
    const inserted = await this.repository.insertRunUnlessBusy({
      id: this.deps.ids.newId(),
      config_id: configId,
      trigger: 'manual',
      scheduled_for: null,
      missed_count: 0,
      state: 'pending',
      snapshot: this.snapshot(configId, config),
      error: null,
      created_at: now,
      finished_at: null,
    });
    if ('busy' in inserted)
      throw new AppError('CONFLICT', busyRunMessage(config.name, inserted.busy));
    const run = inserted.run;
    this.deps.logger.info('run started by hand', { configId, runId: run.id });
    await this.materialize(run.id);
    return this.requireRun(run.id);
  }

  /**
   * Starts a run of `config` (the caller's copy, recorded as the run's snapshot) under the
   * caller's `requestKey`: starting again with the same key returns the run started first and
   * only finishes what a crash left between its steps. A job that starts runs can repeat.
   */
  async startRunOnce(
    requestKey: string,
    configId: string,
    config: ConfigDraft,
  ): Promise<ConfigRun> {
    const run = await this.repository.insertRunOnce({
      id: this.deps.ids.newId(),
      config_id: configId,
      trigger: 'manual',
      scheduled_for: null,
      missed_count: 0,
      state: 'pending',
      snapshot: this.snapshot(configId, config),
      error: null,
      created_at: this.deps.clock.now(),
      finished_at: null,
      request_key: requestKey,
    });
    if (run.state === 'pending') {
      this.deps.logger.info('run started under a request key', { configId, runId: run.id });
    }
    await this.materialize(run.id);
    return this.requireRun(run.id);
  }

  newScheduledRun(input: {
    configId: string;
    config: ConfigDraft;
    trigger: Exclude<RunTrigger, 'manual'>;
    scheduledFor: number;
    missedCount: number;
  }) {
    return {
      id: this.deps.ids.newId(),
      config_id: input.configId,
      trigger: input.trigger,
      scheduled_for: input.scheduledFor,
      missed_count: input.missedCount,
      state: 'pending' as const,
      snapshot: this.snapshot(input.configId, input.config),
      error: null,
      created_at: this.deps.clock.now(),
      finished_at: null,
    };
  }

  /**
   * Turns a pending run into videos and render jobs. Safe to repeat: a run already started only
   * gets jobs for videos that have none (after a crash between the two steps).
   */
  async materialize(runId: string): Promise<void> {
    const run = await this.repository.getRun(runId);
    if (!run) return;
    if (run.state === 'pending') {
      if (!this.deps.generation) {
        await this.finish(run.id, 'failed', renderingUnavailable().message);
        return;
      }
      const { config } = readSnapshot(run);
      const count = config.distribution.videosPerRun;
      const assignment = assignAccounts(
        config.distribution,
        count,
        await this.repository.distributionCursor(run.config_id),
        this.deps.random,
      );
      const now = this.deps.clock.now();
      await this.repository.materializeRun(
        run.id,
        run.config_id,
        assignment.accounts.map((accounts, position) => ({
          id: this.deps.ids.newId(),
          run_id: run.id,
          position,
          state: 'queued' as const,
          job_id: null,
          account_ids: JSON.stringify(accounts),
          output_path: null,
          duration_ms: null,
          error: null,
          created_at: now,
          finished_at: null,
        })),
        assignment.cursor,
      );
    }
    const current = await this.repository.getRun(runId);
    if (!current || current.state !== 'running') return;
    for (const video of current.videos) {
      if (video.state !== 'queued' && video.state !== 'rendering') continue;
      const { job } = await this.deps.queue.enqueue(
        RENDER_JOB,
        { videoId: video.id },
        {
          idempotencyKey: `render:${video.id}`,
          priority: current.trigger === 'manual' ? PERSON_REQUESTED_PRIORITY : AUTOMATIC_PRIORITY,
        },
      );
      if (video.job_id !== job.id) await this.repository.updateVideo(video.id, { job_id: job.id });
    }
    await this.publish(runId, true);
  }

  /** At start-up: finishes what a crash or shutdown left between steps. */
  async resume(): Promise<void> {
    for (const run of await this.repository.runsInState(['pending', 'running'])) {
      try {
        await this.materialize(run.id);
        await this.settleRun(run.id);
      } catch (error) {
        this.deps.logger.error('run could not be resumed', {
          runId: run.id,
          error: describeError(error),
        });
      }
    }
  }

  async cancelRun(runId: string): Promise<ConfigRun> {
    const run = await this.requireRunRow(runId);
    if (run.state === 'pending') {
      await this.finish(run.id, 'cancelled', 'Cancelled before it started.');
    }
    for (const video of run.videos) {
      if (finalVideoStates.includes(video.state)) continue;
      if (video.job_id) {
        try {
          await this.deps.queue.cancel(video.job_id);
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
        }
      }
      const after = await this.repository.getVideo(video.id);
      if (after && !finalVideoStates.includes(after.state) && after.state === 'queued') {
        await this.repository.updateVideo(video.id, {
          state: 'cancelled',
          error: 'Cancelled.',
          finished_at: this.deps.clock.now(),
        });
      }
    }
    await this.settleRun(runId);
    return this.requireRun(runId);
  }

  async history(filter: {
    configId?: string | undefined;
    limit: number;
    before?: number | undefined;
  }): Promise<ConfigRun[]> {
    const runs = await this.repository.history(filter);
    const posts = await this.deps.runPosts(runs.map((run) => run.id));
    return runs.map((run) => toRunDto(run, posts.get(run.id)));
  }

  async requireRun(runId: string): Promise<ConfigRun> {
    return this.toDto(await this.requireRunRow(runId));
  }

  private async toDto(run: ConfigRunWithVideos): Promise<ConfigRun> {
    return toRunDto(run, (await this.deps.runPosts([run.id])).get(run.id));
  }

  /** A post of the run of `runVideoId` changed state: the run and its config's last run show it. */
  async postsChanged(runVideoId: string): Promise<void> {
    const video = await this.repository.getVideo(runVideoId);
    if (video) await this.publish(video.run_id, true);
  }

  renderHandler(): JobHandler<RenderJobData> {
    return {
      kind: RENDER_JOB,
      // Two cores: one ffmpeg at a time keeps the machine usable.
      concurrency: 1,
      maxAttempts: 3,
      leaseMs: 30_000,
      backoff: { baseMs: 10_000, capMs: 10 * 60_000 },
      parseData: (data) => renderJobSchema.parse(data),
      run: (data, context) =>
        renderAttempt(
          {
            repository: this.repository,
            clock: this.deps.clock,
            logger: this.deps.logger,
            generation: this.deps.generation,
            renderStep: this.renderStep,
            handOver: this.handOver,
            requireRunRow: (runId) => this.requireRunRow(runId),
            settleRun: (runId) => this.settleRun(runId),
            publish: (runId) => this.publish(runId),
          },
          data,
          context,
        ),
      onSettled: async (job, data) => {
        if (!data) return;
        const video = await this.repository.getVideo(data.videoId);
        if (!video || finalVideoStates.includes(video.state)) {
          if (video) await this.settleRun(video.run_id);
          return;
        }
        if (job.state === 'dead' || job.state === 'cancelled') {
          await this.repository.updateVideo(video.id, {
            state: job.state === 'dead' ? 'failed' : 'cancelled',
            error: job.state === 'dead' ? job.lastError : 'Cancelled.',
            finished_at: this.deps.clock.now(),
          });
        }
        await this.settleRun(video.run_id);
      },
    };
  }

  /**
   * At start-up: hands over again the videos rendered since `since` that `handedOver` does not
   * know (videos an older version marked rendered before handing them over).
   */
  replayRendered(
    since: number,
    handedOver: (runVideoId: string) => Promise<boolean>,
  ): Promise<number> {
    return this.handOver.replay(since, handedOver);
  }

  /** Closes a run once every video is final; its state sums the videos up. */
  private async settleRun(runId: string): Promise<void> {
    const run = await this.repository.getRun(runId);
    if (!run || (run.state !== 'running' && run.state !== 'pending')) return;
    if (run.state === 'pending' || run.videos.length === 0) return;
    if (!run.videos.every((video) => finalVideoStates.includes(video.state))) {
      await this.publish(runId);
      return;
    }
    const { state, error } = runOutcome(run.videos);
    await this.finish(runId, state, error);
  }

  private async finish(runId: string, state: ConfigRunRow['state'], error: string | null) {
    const changed = await this.repository.finishRun(runId, state, error, this.deps.clock.now());
    if (changed) this.deps.logger.info('run finished', { runId, state });
    await this.publish(runId, changed);
  }

  /** Pushes the run to the UI; `lastRunChanged` when it started or ended (not on progress). */
  private async publish(runId: string, lastRunChanged = false): Promise<void> {
    const run = await this.repository.getRun(runId);
    if (!run) return;
    this.deps.events.emit('configs:runUpdated', await this.toDto(run));
    if (lastRunChanged) for (const listener of this.runListeners) listener(run.config_id);
  }

  private async requireRunRow(runId: string): Promise<ConfigRunWithVideos> {
    const run = await this.repository.getRun(runId);
    if (!run) throw new AppError('NOT_FOUND', 'That run no longer exists.');
    return run;
  }
}

import type { Account } from '../../../shared/domain/accounts';
import type {
  DistributionListInput,
  DistributionTarget,
  DistributionVideo,
  EditPostInput,
  MetricsPoint,
  MetricsSummary,
  PostChange,
  RescheduleInput,
} from '../../../shared/domain/distribution';
import type { CalendarPost } from '../../../shared/domain/calendar';
import type { ChangeSource, DistributionTargetRow } from '../db/schema';
import { AppError, describeError } from '../errors';
import { templateValues } from '../generation/generation-module';
import type { JobHandler, JobQueue } from '../jobs/jobs-module';
import type { JobSummary } from '../../../shared/domain/jobs';
import type { EventSink, Logger } from '../ports';
import type { RenderedVideo } from '../runs/runs-module';
import { METRICS_JOB, MetricsPoller, metricsJobSchema, type MetricsJobData } from './metrics-job';
import {
  handOverTargets,
  type HandOverDeps,
  type HandOverVideo,
  type NewTarget,
} from './hand-over-targets';
import { PostChanges } from './post-changes';
import { PostListReader } from './post-list-reader';
import { postSettingsFor } from './post-settings';
import { summarizeMetrics } from './metrics-summary';
import { toMetricsPoint } from './target-dto';
import { mayHavePosted } from './upload-failures';
import { planWaitingPosts, type WaitingPlan } from './waiting-posts';
import { UPLOAD_JOB, UploadRunner, uploadJobSchema, type UploadJobData } from './upload-job';
import { uploadTimingsWith, type UploadTimings } from './upload-timings';

/** What the hand-over needs (`HandOverDeps`), and the queue, events and tuning of the rest. */
export interface DistributionDeps extends HandOverDeps {
  queue: JobQueue;
  events: EventSink;
  logger: Logger;
  /** Reads metrics every this many ms instead of the slowing schedule (the sandbox). */
  metricsEveryMs?: number | undefined;
  /** Upload attempts per target for transient failures. Default 5. */
  uploadAttempts?: number;
  /** Processing deadlines and rechecks (tests and the soak shrink them). */
  uploadTimings?: Partial<UploadTimings> | undefined;
}

export type { NewTarget } from './hand-over-targets';

/**
 * Tracks every post: one target per (video, account), uploaded by `upload` jobs on the durable
 * queue, then read for metrics by `metrics` jobs on a slowing schedule.
 */
export class DistributionService {
  private readonly runner: UploadRunner;
  private readonly poller: MetricsPoller;
  private readonly postChanges: PostChanges;
  /** The state last announced per target, so listeners hear of state changes, not progress. */
  private readonly announcedStates = new Map<string, DistributionTargetRow['state']>();
  private readonly postListeners: Array<(runVideoId: string) => void> = [];
  private readonly timings: UploadTimings;
  private readonly reader: PostListReader;

  constructor(private readonly deps: DistributionDeps) {
    this.timings = uploadTimingsWith(deps.uploadTimings);
    this.reader = new PostListReader(deps);
    this.runner = new UploadRunner({
      repository: deps.repository,
      accounts: deps.accounts,
      adapterFor: deps.adapterFor,
      clock: deps.clock,
      logger: deps.logger,
      timings: this.timings,
      changed: async (row) => void (await this.emit(row)),
      published: (row) => this.poller.schedule(row.id, 0, deps.clock.now()),
    });
    this.poller = new MetricsPoller({
      repository: deps.repository,
      accounts: deps.accounts,
      adapterFor: deps.adapterFor,
      queue: deps.queue,
      clock: deps.clock,
      logger: deps.logger,
      everyMs: deps.metricsEveryMs,
      changed: async (id) => {
        const row = await deps.repository.getTarget(id);
        if (row) await this.emit(row);
      },
    });
    this.postChanges = new PostChanges({
      repository: deps.repository,
      accounts: deps.accounts,
      adapterFor: deps.adapterFor,
      queue: deps.queue,
      clock: deps.clock,
      ids: deps.ids,
      logger: deps.logger,
      changed: (row) => this.emit(row),
      requeue: async (row, at) => {
        await this.enqueueUpload(row, { notBefore: at, key: `moved:${at}` });
      },
    });
  }

  uploadHandler(): JobHandler<UploadJobData> {
    return {
      kind: UPLOAD_JOB,
      // Uploads are network-bound; two at once keep a slow platform from holding up the rest.
      concurrency: 2,
      maxAttempts: this.deps.uploadAttempts ?? 5,
      leaseMs: 60_000,
      backoff: this.timings.retryBackoff,
      parseData: (data) => uploadJobSchema.parse(data),
      run: (data, context) => this.runner.run(data, context),
      onSettled: async (job, data) => {
        if (!data || job.state === 'succeeded') return;
        await this.settleEndedJob(data.targetId, job);
      },
    };
  }

  /**
   * A job that ended outside an attempt (dead after crashes, cancelled): its open target says
   * so instead of staying "processing"; a post that may exist fails as `unknown`.
   */
  private async settleEndedJob(
    targetId: string,
    job: { state: JobSummary['state']; lastError: string | null },
  ): Promise<void> {
    const target = await this.deps.repository.getTarget(targetId);
    if (!target || target.state === 'success' || target.state === 'failed') return;
    await this.runner.fail(
      target,
      'transient',
      job.state === 'cancelled' ? 'Cancelled.' : (job.lastError ?? 'The upload stopped.'),
    );
  }

  /**
   * At start-up, before the queue runs: open targets whose upload job never got queued (a crash
   * between the hand-over and the queue) get one; those whose job ended while the app was down
   * settle; slots reserved for uploads that are over are released, or become the post.
   */
  async recover(): Promise<void> {
    const { repository, queue, logger } = this.deps;
    for (const target of await repository.openTargetsWithoutLiveJob()) {
      const job = target.job_id ? await queue.get(target.job_id) : null;
      if (job && (job.state === 'dead' || job.state === 'cancelled' || job.state === 'succeeded'))
        await this.settleEndedJob(target.id, job);
      else await this.enqueueUpload(target);
      logger.info('upload repaired at start-up', { targetId: target.id, job: job?.state ?? null });
    }
    for (const key of await this.deps.accounts.openPostSlots()) {
      const target = await repository.getTarget(key);
      if (target?.state === 'success')
        await this.deps.accounts.recordPost(target.account_id, {
          remotePostId: target.remote_id,
          reservationKey: key,
          postedAt: target.published_at ?? undefined,
        });
      else if (!target || (target.state === 'failed' && !mayHavePosted(target)))
        await this.deps.accounts.releasePostSlot(key);
    }
  }

  metricsHandler(): JobHandler<MetricsJobData> {
    return {
      kind: METRICS_JOB,
      concurrency: 2,
      maxAttempts: 3,
      parseData: (data) => metricsJobSchema.parse(data),
      run: (data, context) => this.poller.run(data, context.signal),
    };
  }

  /** Called when a post of a config run's video is made or changes state (not on progress). */
  onRunPostChanged(listener: (runVideoId: string) => void): void {
    this.postListeners.push(listener);
  }

  /** True once a config run's video was handed over (its targets exist). */
  hasRunVideo(runVideoId: string): Promise<boolean> {
    return this.deps.repository.hasRunVideo(runVideoId);
  }

  /** Gives a rendered run video its targets from the config and queues their uploads. */
  async distributeRunVideo(input: RenderedVideo): Promise<DistributionTarget[]> {
    const accounts: Account[] = [];
    for (const accountId of input.accountIds) {
      try {
        accounts.push(await this.deps.accounts.get(accountId));
      } catch (error) {
        this.deps.logger.warn('account of a run video is gone; not posting there', {
          accountId,
          error: describeError(error),
        });
      }
    }
    const values = templateValues({
      at: input.at,
      timeZone: input.config.schedule.timeZone,
      index: input.position + 1,
      count: input.count,
      title: input.title,
      configName: input.config.name,
    });
    const targets = accounts
      .filter((account) => input.config.platforms[account.platform].enabled)
      .map((account) => ({
        accountId: account.id,
        settings: postSettingsFor(input.config.platforms[account.platform], account, values),
      }));
    if (targets.length === 0) {
      this.deps.logger.info('run video has no account on an enabled platform; not posted', {
        runVideoId: input.runVideoId,
      });
      return [];
    }
    return this.distribute(
      {
        runVideoId: input.runVideoId,
        configId: input.configId,
        title: `${input.config.name} #${input.position + 1}`,
        filePath: input.outputPath,
      },
      targets,
    );
  }

  /**
   * Records a video and its targets and queues their uploads. Handed over means every target
   * exists: everything a target needs (its account, its platform's variant of the file) is
   * ready before one transaction writes the video and all its targets, so a failure leaves
   * nothing behind and the hand-over can simply run again. Each (video, account) gets one
   * target, once; a video handed over before keeps the targets it has. A video given with its
   * own `id` (a library item a batch posts) is recorded once under it: handing it over again,
   * after a crash or from another batch, finds the same video and the same targets. `priority`
   * orders the uploads on the queue (a batch's posts go before automatic work).
   */
  async distribute(
    video: HandOverVideo,
    targets: NewTarget[],
    options: { priority?: number } = {},
  ): Promise<DistributionTarget[]> {
    const stored = await handOverTargets(this.deps, video, targets);
    const result: DistributionTarget[] = [];
    for (const row of stored.targets) {
      if (row.state === 'failed' && row.job_id === null) {
        this.deps.logger.info('post breaks the platform rules; not uploaded', {
          targetId: row.id,
          platform: row.platform,
          problems: row.error_message,
        });
        result.push(await this.emit(row));
        continue;
      }
      result.push(await this.enqueueUpload(row, undefined, options.priority));
    }
    return result;
  }

  private async enqueueUpload(
    row: DistributionTargetRow,
    moved?: { notBefore: number; key: string },
    priority?: number,
  ): Promise<DistributionTarget> {
    const { job } = await this.deps.queue.enqueue(
      UPLOAD_JOB,
      { targetId: row.id },
      {
        idempotencyKey: `upload:${row.id}:${row.manual_retries}${moved ? `:${moved.key}` : ''}`,
        ...(moved ? { notBefore: moved.notBefore } : {}),
        ...(priority === undefined ? {} : { priority }),
      },
    );
    const updated =
      row.job_id === job.id
        ? row
        : await this.deps.repository.updateTarget(row.id, { job_id: job.id });
    return this.emit(updated);
  }

  /**
   * Posts a failed target again; its saved session is kept unless the content was refused. A
   * post that may exist is never cleared: the retry looks for it first (`verifying`).
   */
  async retry(targetId: string): Promise<DistributionTarget> {
    const row = await this.deps.repository.getTarget(targetId);
    if (!row) throw new AppError('NOT_FOUND', 'That post no longer exists. Refresh the list.');
    if (row.state !== 'failed') {
      throw new AppError(
        'CONFLICT',
        row.state === 'success'
          ? 'This post is already published; it is never posted twice.'
          : row.verify_since !== null
            ? 'ReelPilot is checking whether this post exists on the platform; it posts again only if it is not there. Wait for the check to finish.'
            : 'This post is still in progress. Wait for it to finish or fail.',
      );
    }
    const now = this.deps.clock.now();
    const unsure =
      row.error_kind === 'unknown' || row.verify_since !== null || row.irreversible_at !== null;
    const updated = await this.deps.repository.updateTarget(row.id, {
      state: unsure ? 'processing' : 'pending',
      error_kind: null,
      error_message: unsure ? 'Looking for the post on the platform before posting again.' : null,
      waiting_until: null,
      attempts: 0,
      manual_retries: row.manual_retries + 1,
      processing_since: null,
      // The attempt that failed no longer writes here.
      lease_token: null,
      ...(unsure ? { verify_since: row.verify_since ?? row.irreversible_at ?? now } : {}),
      ...(row.error_kind === 'content' && !unsure ? { upload_state: null, tracking_id: null } : {}),
      updated_at: now,
    });
    this.deps.logger.info('post retried by hand', { targetId });
    return this.enqueueUpload(updated);
  }

  list(filter: DistributionListInput): Promise<DistributionVideo[]> {
    return this.reader.list(filter);
  }

  /** Changes a waiting or failed post's title, caption, hashtags and privacy. */
  editPost(input: EditPostInput, by: ChangeSource): Promise<DistributionTarget> {
    return this.postChanges.edit(input, by);
  }

  /** Moves a waiting post to another time, if pacing and the platform's caps allow it. */
  reschedule(input: RescheduleInput, by: ChangeSource): Promise<DistributionTarget> {
    return this.postChanges.reschedule(input, by);
  }

  changes(targetId: string): Promise<PostChange[]> {
    return this.postChanges.changes(targetId);
  }

  /** Every post not out yet with the time it is planned to go, and the rules behind it. */
  waitingPlan(): Promise<WaitingPlan> {
    return planWaitingPosts(this.deps.repository, this.deps.accounts);
  }

  /** The calendar's posts: every one not out yet at its planned time, and those published in [from, to). */
  async calendarPosts(from: number, to: number): Promise<CalendarPost[]> {
    return this.reader.calendarPosts(await this.waitingPlan(), from, to);
  }

  async metrics(targetId: string): Promise<MetricsPoint[]> {
    const row = await this.deps.repository.getTarget(targetId);
    if (!row) throw new AppError('NOT_FOUND', 'That post no longer exists. Refresh the list.');
    return (await this.deps.repository.metricsOf(targetId)).map(toMetricsPoint);
  }

  /** The latest reading of every published post, summed per platform, account and video. */
  summary(): Promise<MetricsSummary> {
    return summarizeMetrics(this.deps.repository);
  }

  private async emit(row: DistributionTargetRow): Promise<DistributionTarget> {
    const dto = await this.reader.targetDto(row);
    this.deps.events.emit('distribution:targetUpdated', dto);
    await this.announceState(row);
    return dto;
  }

  private async announceState(row: DistributionTargetRow): Promise<void> {
    if (this.announcedStates.get(row.id) === row.state || this.postListeners.length === 0) return;
    this.announcedStates.set(row.id, row.state);
    const video = await this.deps.repository.getVideo(row.video_id);
    const runVideoId = video?.run_video_id;
    if (!runVideoId) return;
    for (const listener of this.postListeners) listener(runVideoId);
  }
}

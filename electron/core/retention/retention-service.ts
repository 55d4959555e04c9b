import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  defaultRetentionPolicy,
  retentionPolicySchema,
  type RetentionPolicy,
  type RetentionPolicyPatch,
  type RetentionRun,
  type RetentionStatus,
} from '../../../shared/domain/retention';
import { AppError, describeError } from '../errors';
import type { MediaService } from '../media/media-module';
import {
  PERSON_REQUESTED_PRIORITY,
  type JobContext,
  type JobHandler,
  type JobQueue,
} from '../jobs/jobs-module';
import type { Clock, EventSink, Logger, Paths } from '../ports';
import { systemFreeBytes } from '../runtime/disk-space';
import { yieldToEventLoop } from '../runtime/event-loop';
import { latestPush } from '../runtime/latest-push';
import type { KeyedSetting } from '../settings/settings-module';
import type { ChunkResult, RetentionRepository } from './retention-repository';

const DAY = 86_400_000;
/** Rows per transaction: a few milliseconds each, with the event loop let through between. */
const CHUNK_ROWS = 5_000;
/** The daily clean-up runs this long after the engine starts, then every day. */
const FIRST_RUN_DELAY_MS = 10 * 60_000;
export const RETENTION_JOB = 'retention';

/** Where the clean-up left off, so a day's run only looks at what is new. */
export const retentionCursorSchema = z.object({
  /** Metrics readings up to this id are already thinned to one a day. */
  metricsThinnedTo: z.number().int().nonnegative(),
  /** Posted videos last published before this were looked at under `filesAfterDays`. */
  filesSweptTo: z.number().nonnegative(),
  filesAfterDays: z.number().int().nullable(),
});
export type RetentionCursor = z.infer<typeof retentionCursorSchema>;
const startCursor: RetentionCursor = { metricsThinnedTo: 0, filesSweptTo: 0, filesAfterDays: null };

export interface RetentionServiceDeps {
  repository: RetentionRepository;
  policySetting: KeyedSetting<RetentionPolicy>;
  cursorSetting: KeyedSetting<RetentionCursor>;
  lastRunSetting: KeyedSetting<RetentionRun>;
  queue: JobQueue;
  /** The media library, which lists rendered videos too: one deleted is forgotten there. */
  library: Pick<MediaService, 'findByPath' | 'remove'>;
  clock: Clock;
  logger: Logger;
  events: EventSink;
  paths: Paths;
  /** Where config runs render: the only folder whose videos the clean-up deletes. */
  rendersDir: string;
  /** Free bytes on the disk holding `dir`; tests pass their own. */
  freeBytes?: (dir: string) => Promise<number>;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/**
 * The retention policy and the daily clean-up that applies it. The clean-up is a job on the
 * durable queue (one a day, keyed by the day, so a restart never doubles it), idempotent (each
 * step deletes what is older than its cut-off, again and again if need be), and cut into
 * transactions of 5,000 rows with the event loop let through between them, so the windows never
 * freeze however much there is to delete.
 */
export class RetentionService {
  /** Pushes the status; an older read finishing late is not pushed over a newer one. */
  private readonly pushStatus = latestPush(
    () => this.status(),
    (status) => this.deps.events.emit('retention:status', status),
  );

  constructor(private readonly deps: RetentionServiceDeps) {}

  async policy(): Promise<RetentionPolicy> {
    return (await this.deps.policySetting.read()) ?? defaultRetentionPolicy;
  }

  async status(): Promise<RetentionStatus> {
    const { paths } = this.deps;
    const [policy, lastRun, pending] = await Promise.all([
      this.policy(),
      this.deps.lastRunSetting.read(),
      this.pendingRun(),
    ]);
    const databaseBytes = (await sizeOf(paths.dbFile)) + (await sizeOf(`${paths.dbFile}-wal`));
    let freeBytes: number | null = null;
    try {
      freeBytes = await (this.deps.freeBytes ?? systemFreeBytes)(paths.dataDir);
    } catch (error) {
      this.deps.logger.warn('free disk space could not be read', { error: describeError(error) });
    }
    return {
      policy,
      storage: { dataDir: paths.dataDir, databaseBytes, freeBytes },
      lastRun,
      pending,
    };
  }

  async update(patch: RetentionPolicyPatch): Promise<RetentionStatus> {
    const next = retentionPolicySchema.parse({ ...(await this.policy()), ...patch });
    await this.deps.policySetting.write(next, this.deps.clock.now());
    this.deps.logger.info('retention policy changed', { ...next });
    return this.pushStatus();
  }

  /** Queues a clean-up now, ahead of automatic work. */
  async runNow(): Promise<RetentionStatus> {
    const now = this.deps.clock.now();
    await this.deps.queue.enqueue(
      RETENTION_JOB,
      {},
      { idempotencyKey: `retention:now:${now}`, priority: PERSON_REQUESTED_PRIORITY },
    );
    return this.pushStatus();
  }

  /** Makes sure the day's clean-up is queued (`start`, and after each one). */
  async scheduleDaily(notBefore: number): Promise<void> {
    const day = new Date(notBefore).toISOString().slice(0, 10);
    await this.deps.queue.enqueue(
      RETENTION_JOB,
      {},
      { idempotencyKey: `retention:${day}`, notBefore },
    );
  }

  jobHandler(): JobHandler<Record<string, never>> {
    return {
      kind: RETENTION_JOB,
      maxAttempts: 3,
      // Long clean-ups renew their lease; a minute covers the longest chunk.
      leaseMs: 60_000,
      parseData: (data) => z.object({}).strict().parse(data) as Record<string, never>,
      run: async (_data, context) => this.apply(context),
      onSettled: async () => {
        await this.scheduleDaily(this.deps.clock.now() + DAY).catch((error: unknown) =>
          this.deps.logger.error('next clean-up not queued', { error: describeError(error) }),
        );
        await this.pushStatus().catch((error: unknown) =>
          this.deps.logger.warn('retention status not pushed', { error: describeError(error) }),
        );
      },
    };
  }

  /** The first daily clean-up, a little after the start. */
  start(): Promise<void> {
    return this.scheduleDaily(this.deps.clock.now() + FIRST_RUN_DELAY_MS);
  }

  /** Applies the policy once: each step to its cut-off, in bounded chunks. */
  async apply(context?: Pick<JobContext, 'signal' | 'progress'>): Promise<RetentionRun> {
    const { repository, clock } = this.deps;
    const started = clock.now();
    const policy = await this.policy();
    let cursor = (await this.deps.cursorSetting.read()) ?? startCursor;
    const report: RetentionRun = {
      at: started,
      durationMs: 0,
      metricsThinned: 0,
      metricsDeleted: 0,
      runsDeleted: 0,
      accountRecordsDeleted: 0,
      filesDeleted: 0,
      bytesFreed: 0,
    };
    const stopIfAsked = () => {
      if (context?.signal.aborted) throw new AppError('UNAVAILABLE', 'The clean-up was stopped.');
    };
    const dayStart = (time: number) => Math.floor(time / DAY) * DAY;

    // Metrics: one reading a day past the daily age, none past the kept age.
    context?.progress(0, 'Thinning old metrics');
    const thinBefore = dayStart(started - policy.metricsDailyAfterDays * DAY);
    for (let after = cursor.metricsThinnedTo; ;) {
      stopIfAsked();
      const chunk = await repository.thinMetrics(after, thinBefore, CHUNK_ROWS);
      report.metricsThinned += chunk.deleted;
      after = chunk.last;
      cursor = { ...cursor, metricsThinnedTo: after };
      await this.deps.cursorSetting.write(cursor, clock.now());
      await yieldToEventLoop();
      if (chunk.done) break;
    }
    context?.progress(0.3, 'Deleting old metrics');
    report.metricsDeleted = await this.drain(
      () => repository.deleteMetrics(started - policy.metricsKeepDays * DAY, CHUNK_ROWS),
      stopIfAsked,
    );

    // Runs, and the accounts' post and error history.
    context?.progress(0.5, 'Deleting old run history');
    const historyBefore = started - policy.runHistoryKeepDays * DAY;
    for (let after = 0; ;) {
      stopIfAsked();
      const chunk = await repository.deleteFinishedRuns(after, historyBefore, CHUNK_ROWS);
      report.runsDeleted += chunk.deleted;
      after = chunk.last;
      await yieldToEventLoop();
      if (chunk.done) break;
    }
    report.accountRecordsDeleted =
      (await this.drain(
        () => repository.deleteAccountPosts(historyBefore, CHUNK_ROWS),
        stopIfAsked,
      )) +
      (await this.drain(
        () => repository.deleteAccountErrors(historyBefore, CHUNK_ROWS),
        stopIfAsked,
      ));

    // Rendered videos of posts that all succeeded, when the person asked for it.
    context?.progress(0.8, 'Deleting rendered videos of finished posts');
    const afterDays = policy.renderedFilesDeleteAfterDays;
    if (afterDays !== null) {
      // A shorter delay makes older videos eligible: look at them all again.
      if (cursor.filesAfterDays !== afterDays) {
        cursor = { ...cursor, filesSweptTo: 0, filesAfterDays: afterDays };
      }
      const filesBefore = started - afterDays * DAY;
      const freed = await this.deleteRenderedFiles(cursor.filesSweptTo, filesBefore, stopIfAsked);
      report.filesDeleted = freed.files;
      report.bytesFreed = freed.bytes;
      cursor = { ...cursor, filesSweptTo: filesBefore };
      await this.deps.cursorSetting.write(cursor, clock.now());
    }

    report.durationMs = clock.now() - started;
    await this.deps.lastRunSetting.write(report, clock.now());
    context?.progress(1, null);
    this.deps.logger.info('clean-up done', { ...report });
    return report;
  }

  /** Runs a delete step until nothing older is left; returns how many rows went. */
  private async drain(step: () => Promise<ChunkResult>, stopIfAsked: () => void): Promise<number> {
    let total = 0;
    for (;;) {
      stopIfAsked();
      const chunk = await step();
      total += chunk.deleted;
      await yieldToEventLoop();
      if (chunk.done) return total;
    }
  }

  private async deleteRenderedFiles(
    from: number,
    before: number,
    stopIfAsked: () => void,
  ): Promise<{ files: number; bytes: number }> {
    const { repository, library, logger } = this.deps;
    const renders = path.resolve(this.deps.rendersDir) + path.sep;
    const needed = await repository.filesStillNeeded(yieldToEventLoop);
    let files = 0;
    let bytes = 0;
    for (let after = 0; ;) {
      stopIfAsked();
      const chunk = await repository.videoChunk(after, 500);
      after = chunk.last;
      // Each video once: when its last post falls in this window (`from` moves on each run).
      const due = chunk.videos.filter(
        (video) =>
          video.allSucceeded && video.lastPublishedAt >= from && video.lastPublishedAt < before,
      );
      // Only what config runs rendered: a video posted from the person's own file, or a library
      // copy, is theirs.
      const candidates = [...new Set(due.flatMap((video) => video.paths))].filter(
        (file) => path.resolve(file).startsWith(renders) && !needed.has(file),
      );
      const forgotten: string[] = [];
      for (const file of candidates) {
        const size = await sizeOf(file);
        try {
          await rm(file, { force: true });
          const item = await library.findByPath(file);
          if (item?.origin === 'rendered') forgotten.push(item.id);
        } catch (error) {
          logger.warn('a rendered video could not be deleted', {
            file: path.basename(file),
            error: describeError(error),
          });
          continue;
        }
        if (size > 0) {
          files += 1;
          bytes += size;
        }
      }
      // The library lists rendered videos: the ones deleted are forgotten there, in one change.
      if (forgotten.length > 0) await library.remove(forgotten);
      await yieldToEventLoop();
      if (chunk.done) break;
    }
    return { files, bytes };
  }

  private async pendingRun(): Promise<boolean> {
    const jobs = await this.deps.queue.list({ kind: RETENTION_JOB, states: ['running'], limit: 1 });
    if (jobs.length > 0) return true;
    const queued = await this.deps.queue.list({
      kind: RETENTION_JOB,
      states: ['queued'],
      limit: 5,
    });
    // The daily one waits for its time; a clean-up asked for now is pending.
    return queued.some((job) => job.notBefore <= this.deps.clock.now());
  }
}

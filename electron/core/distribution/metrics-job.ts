import { z } from 'zod';
import type { PlatformId } from '../../../shared/domain/platforms';
import { AppError, describeError } from '../errors';
import { RetryLaterError, type JobQueue } from '../jobs/jobs-module';
import { isPlatformError } from '../platforms/error-classification';
import type { PlatformAdapter } from '../platforms/platform-adapter';
import type { Clock, Logger } from '../ports';
import type { DistributionAccounts } from './distribution-accounts';
import type { DistributionRepository } from './distribution-repository';
import { nextMetricsPoll } from './metrics-schedule';
import { metricsNotReported } from './post-visibility';

export const METRICS_JOB = 'metrics';
export const metricsJobSchema = z.object({ targetId: z.string().min(1), poll: z.number().int() });
export type MetricsJobData = z.infer<typeof metricsJobSchema>;

export interface MetricsPollerDeps {
  repository: DistributionRepository;
  accounts: DistributionAccounts;
  adapterFor(platform: PlatformId): PlatformAdapter;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  /** A fixed interval instead of the slowing schedule (the sandbox shows growth at once). */
  everyMs?: number | undefined;
  changed(targetId: string): Promise<void>;
}

/**
 * Reads a published post's metrics on a schedule that slows with its age, one `metrics` job per
 * poll. A value the platform does not give is stored as NULL, never 0. A failed read leaves a gap
 * in the series and the schedule goes on; a rate limit waits for its reset.
 */
export class MetricsPoller {
  constructor(private readonly deps: MetricsPollerDeps) {}

  /** Queues poll number `poll` of a target at `at` (once: the key names the poll). */
  async schedule(targetId: string, poll: number, at: number): Promise<void> {
    await this.deps.queue.enqueue(
      METRICS_JOB,
      { targetId, poll },
      { idempotencyKey: `metrics:${targetId}:${poll}`, notBefore: at },
    );
  }

  async run({ targetId, poll }: MetricsJobData, signal: AbortSignal): Promise<unknown> {
    const { repository, clock } = this.deps;
    const target = await repository.getTarget(targetId);
    if (!target || target.state !== 'success' || !target.remote_id || !target.published_at) {
      return { skipped: true };
    }
    // The platform reports nothing for this post (a private TikTok post): asking is pointless.
    if (metricsNotReported(target)) return { skipped: 'not reported' };
    const adapter = this.deps.adapterFor(target.platform);
    const context = {
      getAccessToken: (options?: { forceRefresh?: boolean }) =>
        this.deps.accounts.getAccessToken(target.account_id, options),
      signal,
    };
    // Instagram names a post's page by a shortcode that only its permalink gives: read it with
    // the metrics until it is known, so the post can be opened.
    if (target.platform === 'instagram' && target.url === null) {
      try {
        const status = await adapter.status(target.remote_id, context);
        if (status.state === 'published' && status.url)
          await repository.updateTarget(target.id, { url: status.url });
      } catch (error) {
        if (signal.aborted) throw error;
        this.deps.logger.info('post link not read; the next poll asks again', {
          targetId,
          error: describeError(error),
        });
      }
    }
    try {
      const metrics = await adapter.metrics(target.remote_id, context);
      await repository.addReading({
        target_id: target.id,
        at: clock.now(),
        views: metrics.views ?? null,
        likes: metrics.likes ?? null,
        comments: metrics.comments ?? null,
        shares: metrics.shares ?? null,
        saves: metrics.saves ?? null,
      });
      await this.deps.changed(target.id);
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        // The account was removed: nobody can read this post's metrics any more.
        return { stopped: 'account removed' };
      }
      if (isPlatformError(error) && error.kind === 'rate') {
        const at = clock.now() + (error.retryAfterMs ?? 15 * 60_000);
        throw new RetryLaterError(error.message, at, false);
      }
      this.deps.logger.warn('metrics not read; the next poll tries again', {
        targetId,
        error: describeError(error),
      });
    }
    const next = this.deps.everyMs
      ? clock.now() + this.deps.everyMs
      : nextMetricsPoll(target.published_at, clock.now());
    if (next !== null) await this.schedule(target.id, poll + 1, next);
    return { next };
  }
}

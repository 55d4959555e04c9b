import { z } from 'zod';
import type { Account } from '../../../shared/domain/accounts';
import type { PlatformId } from '../../../shared/domain/platforms';
import type { DistributionTargetRow } from '../db/schema';
import { AppError, describeError } from '../errors';
import {
  LeaseLostError,
  PermanentJobError,
  RetryLaterError,
  type JobContext,
} from '../jobs/jobs-module';
import type { ErrorKind } from '../platforms/error-classification';
import type {
  PlatformAdapter,
  PostSettings,
  PublishResult,
  UploadProgress,
  VideoFacts,
} from '../platforms/platform-adapter';
import type { Clock, Logger } from '../ports';
import type { DistributionAccounts } from './distribution-accounts';
import { type DistributionRepository } from './distribution-repository';
import { tokenFailure } from './token-failure';
import { mayHavePosted, StatusFailure, UploadFailures } from './upload-failures';
import { processingTimedOut, recheckDelay, type UploadTimings } from './upload-timings';

export const UPLOAD_JOB = 'upload';
export const uploadJobSchema = z.object({ targetId: z.string().min(1) });
export type UploadJobData = z.infer<typeof uploadJobSchema>;

const PROGRESS_SAVE_MS = 1_000;

export interface UploadRunnerDeps {
  repository: DistributionRepository;
  accounts: DistributionAccounts;
  adapterFor(platform: PlatformId): PlatformAdapter;
  clock: Clock;
  logger: Logger;
  timings: UploadTimings;
  /** Called after every stored change of a target (the UI listens). */
  changed(target: DistributionTargetRow): Promise<void>;
  /** Called once a target is published. */
  published(target: DistributionTargetRow): Promise<void>;
}

/**
 * One attempt at one target: reserve a posting slot and claim the target (one transaction),
 * then publish (continuing the saved remote session) or ask how the platform's processing of
 * the post goes. Every write of the attempt is fenced by its lease token, the marker before an
 * irreversible call is durable, and every outcome is written on the target before the job
 * ends, so the queue's decision (retry, wait, stop) and the target's state always agree.
 */
export class UploadRunner {
  private readonly failures: UploadFailures;

  constructor(private readonly deps: UploadRunnerDeps) {
    this.failures = new UploadFailures(deps);
  }

  /** Fails a target outside an attempt (a job that ended, a repair), while it is open. */
  fail(target: DistributionTargetRow, kind: ErrorKind, message: string): Promise<void> {
    return this.failures.fail(target, kind, message, false);
  }

  async run({ targetId }: UploadJobData, context: JobContext): Promise<unknown> {
    const { repository, clock } = this.deps;
    const target = await repository.getTarget(targetId);
    if (!target) return { skipped: 'target deleted' };
    if (target.state === 'success') return { remoteId: target.remote_id };
    if (target.state === 'failed') return { skipped: 'failed; retry by hand' };
    const video = await repository.getVideo(target.video_id);
    if (!video) return { skipped: 'video deleted' };
    // The person moved the post later: its job woke early (moved before the move landed).
    if (target.not_before !== null && target.not_before > clock.now()) {
      const waiting = await repository.updateOpenTarget(target.id, {
        waiting_until: target.not_before,
        updated_at: clock.now(),
      });
      if (waiting) await this.deps.changed(waiting);
      throw new RetryLaterError('Moved to a later time.', target.not_before, false);
    }

    let account: Account;
    try {
      account = await this.deps.accounts.get(target.account_id);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      const message =
        'The account was removed from ReelPilot. Connect it again, then retry the post.';
      await this.failures.fail(target, 'auth', message, false);
      throw new PermanentJobError(message);
    }
    const claimed = await this.claim(target, context);
    const adapter = this.deps.adapterFor(target.platform);
    const getAccessToken = async (options?: { forceRefresh?: boolean }) => {
      try {
        return await this.deps.accounts.getAccessToken(target.account_id, options);
      } catch (error) {
        throw tokenFailure(target.platform, error);
      }
    };
    try {
      let result: PublishResult;
      if (claimed.tracking_id) {
        result = await this.checkStatus(adapter, claimed.tracking_id, getAccessToken, context);
      } else {
        const facts = JSON.parse(target.facts ?? video.facts) as VideoFacts;
        // Read after the post became `processing`: an edit made before then is what goes out.
        const settings = JSON.parse(claimed.settings) as PostSettings;
        let verifying = claimed.verify_since !== null;
        result = await adapter.publish(
          {
            id: target.id,
            targetId: account.remoteId,
            video: { ...facts, path: target.file_path ?? video.file_path },
            settings,
            state: claimed.upload_state ? (JSON.parse(claimed.upload_state) as unknown) : undefined,
          },
          {
            getAccessToken,
            // A step saved after a marker means the adapter knows how that call ended.
            saveState: async (state) => {
              const row = await repository.fencedUpdate(target.id, context.leaseToken, {
                upload_state: JSON.stringify(state),
                irreversible_at: null,
                verify_since: null,
                updated_at: this.deps.clock.now(),
              });
              if (verifying) await this.deps.changed(row);
              verifying = false;
            },
            beforeIrreversible: async (state) => {
              await repository.saveMarker(
                target.id,
                context.leaseToken,
                JSON.stringify(state),
                this.deps.clock.now(),
              );
              await context.assertOwner();
            },
            onProgress: this.progressWriter(target.id, context),
            signal: context.signal,
          },
        );
      }
      return await this.settle(claimed, result, context);
    } catch (error) {
      if (
        error instanceof RetryLaterError ||
        error instanceof PermanentJobError ||
        error instanceof LeaseLostError
      )
        throw error;
      if (context.signal.aborted) throw error;
      throw await this.failures.classify(target.id, error, context);
    }
  }

  /**
   * Takes the target for this attempt. An upload that may not have posted anything yet first
   * reserves a posting slot of the account, in the same transaction: two uploads can never take
   * one slot. Not allowed yet: the target waits (no attempt used); not at all: it fails.
   */
  private async claim(
    target: DistributionTargetRow,
    context: JobContext,
  ): Promise<DistributionTargetRow> {
    const { repository, clock } = this.deps;
    let claimed: DistributionTargetRow | undefined;
    const take = async (repo: DistributionRepository) => {
      claimed = await repo.claimTarget(target.id, context.leaseToken, clock.now());
      if (!claimed)
        throw new LeaseLostError(
          'The post changed while its upload started; this attempt stopped.',
        );
    };
    if (mayHavePosted(target)) {
      await take(repository);
    } else {
      const decision = await this.deps.accounts.reservePostSlot(
        target.account_id,
        target.id,
        (trx) => take(repository.within(trx)),
      );
      if (!decision.allowed) {
        if (decision.at === null) {
          await this.failures.fail(target, 'auth', decision.reason, false);
          throw new PermanentJobError(decision.reason);
        }
        const waiting = await repository.updateOpenTarget(target.id, {
          waiting_until: decision.at,
          error_message: `Waiting: ${decision.reason}`,
          updated_at: clock.now(),
        });
        if (waiting) await this.deps.changed(waiting);
        throw new RetryLaterError(decision.reason, decision.at, false);
      }
    }
    if (!claimed) throw new LeaseLostError();
    await this.deps.changed(claimed);
    return claimed;
  }

  /** Writes what `publish()` or `status()` said: a post, a wait, or a deadline that ran out. */
  private async settle(
    target: DistributionTargetRow,
    result: PublishResult,
    context: JobContext,
  ): Promise<unknown> {
    const now = this.deps.clock.now();
    if (result.state === 'published') {
      const done = await this.failures.update(target.id, context, {
        state: 'success',
        phase: 'done',
        tracking_id: result.trackingId,
        remote_id: result.platformPostId,
        url: result.url ?? null,
        notices: JSON.stringify(result.notices ?? []),
        published_at: now,
        error_kind: null,
        error_message: null,
        irreversible_at: null,
        verify_since: null,
        processing_since: null,
      });
      await this.deps.accounts.recordPost(target.account_id, {
        remotePostId: result.platformPostId,
        reservationKey: target.id,
      });
      await this.deps.published(done);
      return { remoteId: done.remote_id, url: done.url };
    }
    // Still processing: after the post was made (a tracking id), or before (nothing posted).
    const posted = result.state === 'processing';
    const since = target.processing_since ?? now;
    const row = await this.failures.update(target.id, context, {
      phase: 'processing',
      processing_since: since,
      ...(posted
        ? {
            tracking_id: result.trackingId,
            notices: JSON.stringify(result.notices ?? []),
            irreversible_at: null,
            verify_since: null,
          }
        : {}),
      error_kind: null,
      error_message: null,
    });
    const elapsed = now - since;
    if (elapsed >= this.deps.timings.processingDeadlineMs[row.platform]) {
      const message = processingTimedOut(row.platform, elapsed, posted);
      await this.failures.fail(row, posted ? 'transient' : 'content', message, true, context);
      throw new PermanentJobError(message);
    }
    throw new RetryLaterError(
      posted ? 'The platform is still processing the post.' : result.detail,
      now + recheckDelay(this.deps.timings, elapsed),
      false,
    );
  }

  private async checkStatus(
    adapter: PlatformAdapter,
    trackingId: string,
    getAccessToken: (options?: { forceRefresh?: boolean }) => Promise<string>,
    context: JobContext,
  ): Promise<PublishResult> {
    const status = await adapter.status(trackingId, { getAccessToken, signal: context.signal });
    if (status.state === 'published') {
      return {
        trackingId,
        platformPostId: status.platformPostId,
        url: status.url,
        state: 'published',
      };
    }
    if (status.state === 'processing') return { trackingId, state: 'processing' };
    throw new StatusFailure(status.kind, status.message);
  }

  /** Saves upload progress at most once a second (and on every phase change), and pushes it. */
  private progressWriter(targetId: string, context: JobContext) {
    let savedAt = -Infinity;
    let phase: string | null = null;
    return (progress: UploadProgress) => {
      context.progress(
        progress.totalBytes > 0 ? progress.sentBytes / progress.totalBytes : 0,
        progress.phase,
      );
      const now = this.deps.clock.now();
      if (progress.phase === phase && now - savedAt < PROGRESS_SAVE_MS) return;
      savedAt = now;
      phase = progress.phase;
      void this.deps.repository
        .updateProgress(targetId, context.leaseToken, {
          phase: progress.phase,
          sent_bytes: progress.sentBytes,
          total_bytes: progress.totalBytes,
          updated_at: now,
        })
        .then((row) => (row ? this.deps.changed(row) : undefined))
        .catch((error: unknown) =>
          this.deps.logger.warn('upload progress not saved', {
            targetId,
            error: describeError(error),
          }),
        );
    };
  }
}

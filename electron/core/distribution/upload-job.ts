import { z } from 'zod';
import type { Account } from '../../../shared/domain/accounts';
import type { PlatformId } from '../../../shared/domain/platforms';
import type { DistributionTargetRow, DistributionTargetUpdate } from '../db/schema';
import { AppError, describeError } from '../errors';
import {
  LeaseLostError,
  PermanentJobError,
  RetryLaterError,
  type JobContext,
} from '../jobs/jobs-module';
import { isPlatformError, type ErrorKind } from '../platforms/error-classification';
import type {
  PlatformAdapter,
  PostSettings,
  PublishResult,
  UploadProgress,
  VideoFacts,
} from '../platforms/platform-adapter';
import type { Clock, Logger } from '../ports';
import type { DistributionAccounts } from './distribution-accounts';
import { DistributionRepository } from './distribution-repository';
import { tokenFailure } from './token-failure';
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
 * True when a post may exist for the target: the platform has one (a tracking id), or an
 * irreversible call was made whose outcome is not known (its marker, or a verification).
 */
export function mayHavePosted(target: DistributionTargetRow): boolean {
  return (
    target.state === 'success' ||
    target.tracking_id !== null ||
    target.irreversible_at !== null ||
    target.verify_since !== null
  );
}

/** The failure of an attempt whose post is being verified says so. */
function failureKind(target: DistributionTargetRow, kind: ErrorKind): ErrorKind {
  return kind === 'transient' && (target.verify_since !== null || target.irreversible_at !== null)
    ? 'unknown'
    : kind;
}

/**
 * One attempt at one target: reserve a posting slot and claim the target (one transaction),
 * then publish (continuing the saved remote session) or ask how the platform's processing of
 * the post goes. Every write of the attempt is fenced by its lease token, the marker before an
 * irreversible call is durable, and every outcome is written on the target before the job
 * ends, so the queue's decision (retry, wait, stop) and the target's state always agree.
 */
export class UploadRunner {
  constructor(private readonly deps: UploadRunnerDeps) {}

  async run({ targetId }: UploadJobData, context: JobContext): Promise<unknown> {
    const { repository } = this.deps;
    const target = await repository.getTarget(targetId);
    if (!target) return { skipped: 'target deleted' };
    if (target.state === 'success') return { remoteId: target.remote_id };
    if (target.state === 'failed') return { skipped: 'failed; retry by hand' };
    const video = await repository.getVideo(target.video_id);
    if (!video) return { skipped: 'video deleted' };

    let account: Account;
    try {
      account = await this.deps.accounts.get(target.account_id);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      const message =
        'The account was removed from ReelPilot. Connect it again, then retry the post.';
      await this.fail(target, 'auth', message, false);
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
        const settings = JSON.parse(target.settings) as PostSettings;
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
      throw await this.classifyFailure(target.id, error, context);
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
        (trx) => take(new DistributionRepository(trx)),
      );
      if (!decision.allowed) {
        if (decision.at === null) {
          await this.fail(target, 'auth', decision.reason, false);
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

  private async update(
    id: string,
    context: JobContext,
    patch: DistributionTargetUpdate,
  ): Promise<DistributionTargetRow> {
    const row = await this.deps.repository.fencedUpdate(id, context.leaseToken, {
      ...patch,
      updated_at: this.deps.clock.now(),
    });
    await this.deps.changed(row);
    return row;
  }

  /** Writes what `publish()` or `status()` said: a post, a wait, or a deadline that ran out. */
  private async settle(
    target: DistributionTargetRow,
    result: PublishResult,
    context: JobContext,
  ): Promise<unknown> {
    const now = this.deps.clock.now();
    if (result.state === 'published') {
      const done = await this.update(target.id, context, {
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
    const row = await this.update(target.id, context, {
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
      await this.fail(row, posted ? 'transient' : 'content', message, true, context);
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

  /** Writes the failure on the target and tells the queue what to do next. */
  private async classifyFailure(
    targetId: string,
    error: unknown,
    context: JobContext,
  ): Promise<Error> {
    const now = this.deps.clock.now();
    const target = await this.deps.repository.getTarget(targetId);
    if (!target) return error instanceof Error ? error : new Error(String(error));
    const kind: ErrorKind =
      error instanceof StatusFailure
        ? error.kind
        : isPlatformError(error)
          ? error.kind
          : 'transient';
    const message = describeError(error);
    const retryAfterMs = isPlatformError(error) ? error.retryAfterMs : undefined;
    const last = context.attempt >= context.maxAttempts;
    switch (kind) {
      case 'unknown': {
        // A wait asked for (the platform is given time to list the post) uses no attempt.
        const counts = retryAfterMs === undefined;
        if (counts && last) {
          const words = `Still not confirmed after ${context.attempt} attempts. ${message}`;
          await this.fail(target, 'unknown', words, false, context);
          return new PermanentJobError(words);
        }
        await this.update(target.id, context, {
          verify_since: target.verify_since ?? now,
          error_kind: 'unknown',
          error_message: message,
        });
        const at = now + Math.max(retryAfterMs ?? 0, this.deps.timings.verifyDelayMs);
        return new RetryLaterError(message, at, counts);
      }
      case 'content':
      case 'auth':
        await this.fail(target, kind, message, true, context);
        return new PermanentJobError(message);
      case 'rate': {
        const at = now + (retryAfterMs ?? 5 * 60_000);
        await this.deps.accounts.recordError(target.account_id, {
          kind: 'rate',
          message,
          retryAt: at,
        });
        const untouched = target.upload_state === null && !mayHavePosted(target);
        await this.update(target.id, context, {
          state: untouched ? 'pending' : 'processing',
          error_kind: 'rate',
          error_message: message,
          waiting_until: at,
        });
        // Nothing was sent yet: the slot goes back until the limit resets.
        if (untouched) await this.deps.accounts.releasePostSlot(target.id);
        return new RetryLaterError(message, at, false);
      }
      case 'transient': {
        if (last) {
          await this.fail(target, 'transient', message, true, context);
          return new PermanentJobError(message);
        }
        await this.deps.accounts.recordError(target.account_id, { kind: 'transient', message });
        await this.update(target.id, context, { error_kind: 'transient', error_message: message });
        return new RetryLaterError(message, retryAfterMs ? now + retryAfterMs : now, true);
      }
    }
  }

  /**
   * Fails the target: fenced by the attempt holding it, or (without `context`: a job that
   * ended, a repair) only while it is still open. A slot reserved for a post that cannot exist
   * goes back to the account.
   */
  async fail(
    target: DistributionTargetRow,
    kind: ErrorKind,
    message: string,
    record: boolean,
    context?: JobContext,
  ): Promise<void> {
    const stored = failureKind(target, kind);
    if (record && stored !== 'unknown') await this.recordAccountError(target, stored, message);
    const patch: DistributionTargetUpdate = {
      state: 'failed',
      error_kind: stored,
      error_message: message,
      waiting_until: null,
      updated_at: this.deps.clock.now(),
    };
    const row = context
      ? await this.deps.repository.fencedUpdate(target.id, context.leaseToken, patch)
      : await this.deps.repository.updateOpenTarget(target.id, patch);
    if (!row) return;
    if (!mayHavePosted(row)) await this.deps.accounts.releasePostSlot(row.id);
    await this.deps.changed(row);
  }

  private async recordAccountError(
    target: DistributionTargetRow,
    kind: Exclude<ErrorKind, 'unknown'>,
    message: string,
  ): Promise<void> {
    // Null when the account was removed: recording below then fails and is logged.
    const account = await this.deps.accounts.get(target.account_id).catch(() => null);
    // The token service already recorded the invalid grant that marked it.
    if (kind === 'auth' && account?.status === 'needs_reconnect') return;
    await this.deps.accounts
      .recordError(target.account_id, { kind, message })
      .catch((error: unknown) =>
        this.deps.logger.warn('account error not recorded', {
          accountId: target.account_id,
          targetId: target.id,
          error: describeError(error),
        }),
      );
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

class StatusFailure extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'StatusFailure';
  }
}

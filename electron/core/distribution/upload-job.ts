import { z } from 'zod';
import type { PlatformId } from '../../../shared/domain/platforms';
import type { DistributionTargetRow } from '../db/schema';
import type { Account, PostDecision } from '../../../shared/domain/accounts';
import { AppError, describeError } from '../errors';
import { PermanentJobError, RetryLaterError, type JobContext } from '../jobs/jobs-module';
import {
  authError,
  isPlatformError,
  rateError,
  transientError,
  type ErrorKind,
} from '../platforms/error-classification';
import type {
  PlatformAdapter,
  PostSettings,
  PublishResult,
  UploadProgress,
  VideoFacts,
} from '../platforms/platform-adapter';
import type { Clock, Logger } from '../ports';
import type { DistributionAccounts } from './distribution-accounts';
import type { DistributionRepository } from './distribution-repository';

export const UPLOAD_JOB = 'upload';
export const uploadJobSchema = z.object({ targetId: z.string().min(1) });
export type UploadJobData = z.infer<typeof uploadJobSchema>;

/** How long to wait before asking again about a post the platform is still processing. */
const PROCESSING_RECHECK_MS = 60_000;
const PROGRESS_SAVE_MS = 1_000;

export interface UploadRunnerDeps {
  repository: DistributionRepository;
  accounts: DistributionAccounts;
  adapterFor(platform: PlatformId): PlatformAdapter;
  clock: Clock;
  logger: Logger;
  /** Called after every stored change of a target (the UI listens). */
  changed(target: DistributionTargetRow): Promise<void>;
  /** Called once a target is published. */
  published(target: DistributionTargetRow): Promise<void>;
}

/** Token failures from the accounts service, in the platforms' classification. */
function tokenFailure(platform: PlatformId, error: unknown): unknown {
  if (isPlatformError(error)) return error;
  const kind = (error as { kind?: unknown } | null)?.kind;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'TokenError') {
    if (kind === 'auth') return authError(platform, message, { reconnect: true });
    if (kind === 'rate') {
      const retryAfterMs = (error as { retryAfterMs?: number | null }).retryAfterMs ?? undefined;
      return rateError(platform, message, { retryAfterMs });
    }
    return transientError(platform, message, { cause: error });
  }
  return error;
}

/**
 * One attempt at one target: check pacing, then publish (resuming the saved remote session) or
 * ask how the platform's processing went. Every outcome is written on the target before the job
 * ends, so the queue's decision (retry, wait, stop) and the target's state always agree.
 */
export class UploadRunner {
  constructor(private readonly deps: UploadRunnerDeps) {}

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
      await this.update(target.id, { waiting_until: target.not_before });
      throw new RetryLaterError('Moved to a later time.', target.not_before, false);
    }

    let account: Account;
    let decision: PostDecision = { allowed: true };
    const resuming = target.upload_state !== null || target.tracking_id !== null;
    try {
      account = await this.deps.accounts.get(target.account_id);
      if (!resuming) decision = await this.deps.accounts.canPostNow(target.account_id);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      const message =
        'The account was removed from ReelPilot. Connect it again, then retry the post.';
      await this.fail(target, 'auth', message, false);
      throw new PermanentJobError(message);
    }
    if (!resuming) {
      if (!decision.allowed) {
        if (decision.at === null) {
          await this.fail(target, 'auth', decision.reason, false);
          throw new PermanentJobError(decision.reason);
        }
        await this.update(target.id, {
          waiting_until: decision.at,
          error_message: `Waiting: ${decision.reason}`,
        });
        throw new RetryLaterError(decision.reason, decision.at, false);
      }
    }

    const started = await this.update(target.id, {
      state: 'processing',
      attempts: target.attempts + 1,
      waiting_until: null,
      error_kind: null,
      error_message: null,
    });
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
      if (started.tracking_id) {
        result = await this.checkStatus(adapter, started.tracking_id, getAccessToken, context);
      } else {
        const facts = JSON.parse(target.facts ?? video.facts) as VideoFacts;
        // Read after the post became `processing`: an edit made before then is what goes out.
        const settings = JSON.parse(started.settings) as PostSettings;
        result = await adapter.publish(
          {
            id: target.id,
            targetId: account.remoteId,
            video: { ...facts, path: target.file_path ?? video.file_path },
            settings,
            state: started.upload_state ? (JSON.parse(started.upload_state) as unknown) : undefined,
          },
          {
            getAccessToken,
            saveState: async (state) => {
              await repository.updateTarget(target.id, {
                upload_state: JSON.stringify(state),
                updated_at: clock.now(),
              });
            },
            onProgress: this.progressWriter(target.id, context),
            signal: context.signal,
          },
        );
      }
      if (result.state === 'processing') {
        await this.update(target.id, {
          tracking_id: result.trackingId,
          phase: 'processing',
          notices: JSON.stringify(result.notices ?? []),
        });
        throw new RetryLaterError(
          'The platform is still processing the video.',
          clock.now() + PROCESSING_RECHECK_MS,
          false,
        );
      }
      const done = await this.update(target.id, {
        state: 'success',
        phase: 'done',
        tracking_id: result.trackingId,
        remote_id: result.platformPostId ?? result.trackingId,
        url: result.url ?? null,
        notices: JSON.stringify(result.notices ?? []),
        published_at: clock.now(),
        error_kind: null,
        error_message: null,
      });
      await this.deps.accounts.recordPost(target.account_id, {
        remotePostId: done.remote_id ?? undefined,
      });
      await this.deps.published(done);
      return { remoteId: done.remote_id, url: done.url };
    } catch (error) {
      if (error instanceof RetryLaterError || error instanceof PermanentJobError) throw error;
      if (context.signal.aborted) throw error;
      throw await this.classifyFailure(target.id, error, context);
    }
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
    switch (kind) {
      case 'content':
        await this.fail(target, 'content', message, true);
        return new PermanentJobError(message);
      case 'auth':
        await this.fail(target, 'auth', message, true);
        return new PermanentJobError(message);
      case 'rate': {
        const at = now + (retryAfterMs ?? 5 * 60_000);
        await this.deps.accounts.recordError(target.account_id, {
          kind: 'rate',
          message,
          retryAt: at,
        });
        await this.update(target.id, {
          state: target.upload_state || target.tracking_id ? 'processing' : 'pending',
          error_kind: 'rate',
          error_message: message,
          waiting_until: at,
        });
        return new RetryLaterError(message, at, false);
      }
      case 'transient': {
        const last = context.attempt >= context.maxAttempts;
        if (last) {
          await this.fail(target, 'transient', message, true);
          return new PermanentJobError(message);
        }
        await this.deps.accounts.recordError(target.account_id, { kind: 'transient', message });
        await this.update(target.id, { error_kind: 'transient', error_message: message });
        return new RetryLaterError(message, retryAfterMs ? now + retryAfterMs : now, true);
      }
    }
  }

  async fail(
    target: DistributionTargetRow,
    kind: ErrorKind,
    message: string,
    record: boolean,
  ): Promise<void> {
    if (record) {
      // Null when the account was removed: recording below then fails and is logged.
      const account = await this.deps.accounts.get(target.account_id).catch(() => null);
      // The token service already recorded the invalid grant that marked it.
      if (!(kind === 'auth' && account?.status === 'needs_reconnect')) {
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
    }
    await this.update(target.id, {
      state: 'failed',
      error_kind: kind,
      error_message: message,
      waiting_until: null,
    });
  }

  private async update(
    id: string,
    patch: Parameters<DistributionRepository['updateTarget']>[1],
  ): Promise<DistributionTargetRow> {
    const row = await this.deps.repository.updateTarget(id, {
      ...patch,
      updated_at: this.deps.clock.now(),
    });
    await this.deps.changed(row);
    return row;
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
        .updateProgress(targetId, {
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

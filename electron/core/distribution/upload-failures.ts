import type { DistributionTargetRow, DistributionTargetUpdate } from '../db/schema';
import { describeError } from '../errors';
import { PermanentJobError, RetryLaterError, type JobContext } from '../jobs/jobs-module';
import { isPlatformError, type ErrorKind } from '../platforms/error-classification';
import type { Clock, Logger } from '../ports';
import type { DistributionAccounts } from './distribution-accounts';
import type { DistributionRepository } from './distribution-repository';
import type { UploadTimings } from './upload-timings';

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

/** A post's status said it failed: the platform refused it after it was made. */
export class StatusFailure extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'StatusFailure';
  }
}

export interface UploadFailuresDeps {
  repository: DistributionRepository;
  accounts: DistributionAccounts;
  clock: Clock;
  logger: Logger;
  timings: UploadTimings;
  changed(target: DistributionTargetRow): Promise<void>;
}

/**
 * What a failed upload attempt writes on its target, and what it tells the queue: retry with
 * backoff, wait (no attempt used), verify, or stop.
 */
export class UploadFailures {
  constructor(private readonly deps: UploadFailuresDeps) {}

  /** A write of the attempt holding the target (fenced by its lease token), pushed to the UI. */
  async update(
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

  /** Writes the failure on the target and tells the queue what to do next. */
  async classify(targetId: string, error: unknown, context: JobContext): Promise<Error> {
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
}

import type { ErrorKind, PacingConfig } from '../../../shared/domain/accounts';
import { AppError } from '../errors';
import type { Clock, IdGenerator, Logger } from '../ports';
import type { AccountsRepository, StoredAccount } from './accounts-repository';

/** Without a Retry-After, a rate-limited account rests this long. */
export const DEFAULT_RATE_PAUSE_MS = 15 * 60_000;

export interface RecordPostInput {
  postedAt?: number;
  remotePostId?: string | null;
  note?: string | null;
  /**
   * The slot reserved when the upload started: it becomes this post. A post already recorded
   * under this key is not counted twice.
   */
  reservationKey?: string | null;
}

export interface RecordErrorInput {
  kind: ErrorKind;
  message: string;
  code?: string | null;
  /** For `rate`: how long the platform asked to wait, or the absolute time it resets. */
  retryAfterMs?: number | null;
  retryAt?: number | null;
}

export interface AccountHealthDeps {
  repo: AccountsRepository;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  config(): Promise<PacingConfig>;
  changed(accountId: string): Promise<void>;
}

/**
 * What posting did to an account: counters, history, rate pauses, and the automatic
 * deactivation after too many errors in a row. Rate errors never count as account errors. An
 * account deactivated or needing a reconnect raises an alert (electron/core/alerts reads the
 * account's state after `changed`).
 */
export class AccountHealth {
  constructor(private readonly deps: AccountHealthDeps) {}

  private async require(accountId: string): Promise<StoredAccount> {
    const account = await this.deps.repo.get(accountId);
    if (!account)
      throw new AppError('NOT_FOUND', 'That account no longer exists. Refresh the list.');
    return account;
  }

  async recordPost(accountId: string, input: RecordPostInput = {}): Promise<void> {
    const account = await this.require(accountId);
    const config = await this.deps.config();
    const now = this.deps.clock.now();
    const postedAt = input.postedAt ?? now;
    const costUsd = account.platform === 'x' ? config.xCostPerPostUsd : 0;
    const key = input.reservationKey ?? null;
    const held = key === null ? undefined : await this.deps.repo.reservation(key);
    if (held?.state === 'posted') return;
    if (key !== null && held?.state === 'reserved') {
      await this.deps.repo.confirmReservation(key, postedAt, input.remotePostId ?? null);
    } else {
      await this.deps.repo.addPost(
        {
          id: this.deps.ids.newId(),
          accountId,
          platform: account.platform,
          accountHandle: account.handle,
          postedAt,
          remotePostId: input.remotePostId ?? null,
          costUsd,
          note: input.note ?? null,
        },
        { reservationKey: key, state: 'posted' },
      );
    }
    const rateOver =
      account.status === 'rate_limited' &&
      (account.rate_limited_until === null || account.rate_limited_until <= now);
    await this.deps.repo.update(accountId, {
      posts_total: account.posts_total + 1,
      cost_total_usd: account.cost_total_usd + costUsd,
      last_post_at: Math.max(account.last_post_at ?? 0, postedAt),
      consecutive_errors: 0,
      ...(rateOver ? { status: 'active', status_reason: null, rate_limited_until: null } : {}),
      updated_at: now,
    });
    await this.deps.changed(accountId);
  }

  async recordError(accountId: string, input: RecordErrorInput): Promise<void> {
    const account = await this.require(accountId);
    const now = this.deps.clock.now();
    await this.deps.repo.addError({
      id: this.deps.ids.newId(),
      accountId,
      platform: account.platform,
      accountHandle: account.handle,
      occurredAt: now,
      kind: input.kind,
      code: input.code ?? null,
      message: input.message,
    });
    const base = { errors_total: account.errors_total + 1, last_error_at: now, updated_at: now };
    if (input.kind === 'rate') {
      const until = input.retryAt ?? now + (input.retryAfterMs ?? DEFAULT_RATE_PAUSE_MS);
      const keepsStatus = account.status !== 'active' && account.status !== 'rate_limited';
      await this.deps.repo.update(accountId, {
        ...base,
        rate_limited_until: Math.max(until, account.rate_limited_until ?? 0),
        ...(keepsStatus
          ? {}
          : { status: 'rate_limited', status_reason: `Rate limited: ${input.message}` }),
      });
      await this.deps.changed(accountId);
      return;
    }
    const consecutive = account.consecutive_errors + 1;
    const threshold = (await this.deps.config()).autoDisableAfterErrors;
    const deactivate =
      consecutive >= threshold &&
      (account.status === 'active' || account.status === 'rate_limited');
    await this.deps.repo.update(accountId, {
      ...base,
      consecutive_errors: consecutive,
      ...(deactivate
        ? {
            status: 'disabled',
            status_reason: `Deactivated after ${consecutive === 1 ? '1 error' : `${consecutive} errors in a row`} (last: ${input.message}). Check the account, then enable it again.`,
          }
        : {}),
    });
    if (deactivate) {
      this.deps.logger.warn('account deactivated after errors', { accountId, consecutive });
    }
    await this.deps.changed(accountId);
  }

  async markNeedsReconnect(account: StoredAccount, message: string): Promise<void> {
    const now = this.deps.clock.now();
    const current = await this.deps.repo.get(account.id);
    if (!current) return;
    await this.deps.repo.addError({
      id: this.deps.ids.newId(),
      accountId: account.id,
      platform: account.platform,
      accountHandle: account.handle,
      occurredAt: now,
      kind: 'auth',
      code: 'invalid_grant',
      message,
    });
    await this.deps.repo.update(account.id, {
      status: 'needs_reconnect',
      status_reason: message,
      errors_total: current.errors_total + 1,
      last_error_at: now,
      updated_at: now,
    });
    if (current.status !== 'needs_reconnect') {
      this.deps.logger.warn('account needs to be reconnected', { accountId: account.id });
    }
    await this.deps.changed(account.id);
  }

  async setEnabled(accountId: string, enabled: boolean): Promise<void> {
    const account = await this.require(accountId);
    const now = this.deps.clock.now();
    if (enabled) {
      if (account.status === 'needs_reconnect') {
        throw new AppError(
          'CONFLICT',
          `${account.handle} needs to be reconnected, not enabled: the platform no longer accepts its sign-in. Use Reconnect.`,
        );
      }
      await this.deps.repo.update(accountId, {
        status:
          account.rate_limited_until && account.rate_limited_until > now
            ? 'rate_limited'
            : 'active',
        status_reason: null,
        consecutive_errors: 0,
        updated_at: now,
      });
    } else {
      if (account.status === 'needs_reconnect') {
        throw new AppError(
          'CONFLICT',
          `${account.handle} is already stopped until it is reconnected.`,
        );
      }
      await this.deps.repo.update(accountId, {
        status: 'disabled',
        status_reason: 'Disabled by you. ReelPilot does not post to it until you enable it.',
        updated_at: now,
      });
    }
    await this.deps.changed(accountId);
  }
}

/**
 * How a stored account is shown: the row as the UI and the API see it. Kept apart from the
 * service so the mapping reads in one place and the service keeps to reading and writing.
 */
import type { Account, PostDecision } from '../../../shared/domain/accounts';
import type { SecretStoreInfo } from '../ports';
import type { StoredAccount } from './accounts-repository';

/**
 * The account as it stands `now`: a rate limit that has run out no longer holds it back, so
 * its status reads active again (and its reason goes) before the stored row catches up.
 */
export function effectiveAccount(account: StoredAccount, now: number): StoredAccount {
  const rateOver = account.rate_limited_until !== null && account.rate_limited_until <= now;
  const status = account.status === 'rate_limited' && rateOver ? 'active' : account.status;
  return {
    ...account,
    status,
    status_reason: status === account.status ? account.status_reason : null,
  };
}

/** The contract's account from the stored row, its effective state and its posting decision. */
export function accountView(
  account: StoredAccount,
  effective: StoredAccount,
  store: SecretStoreInfo,
  nextPost: PostDecision,
): Account {
  return {
    id: account.id,
    platform: account.platform,
    remoteId: account.remote_id,
    handle: account.handle,
    displayName: account.display_name,
    avatarUrl: account.avatar_url,
    status: effective.status,
    statusReason: effective.status_reason,
    audience: account.audience,
    limits: {
      postsPerHour: account.limit_per_hour,
      postsPerDay: account.limit_per_day,
      minGapMinutes: account.min_gap_minutes,
    },
    counters: {
      postsTotal: account.posts_total,
      errorsTotal: account.errors_total,
      consecutiveErrors: account.consecutive_errors,
      costTotalUsd: account.cost_total_usd,
    },
    token: {
      scopes: account.scopes,
      accessExpiresAt: account.access_expires_at,
      refreshExpiresAt: account.refresh_expires_at,
      protectedBy: store.backend,
      secure: store.secure,
    },
    nextPost,
    rateLimitedUntil: account.rate_limited_until,
    lastPostAt: account.last_post_at,
    lastErrorAt: account.last_error_at,
    lastTestedAt: account.last_tested_at,
    connectedAt: account.connected_at,
    updatedAt: account.updated_at,
  };
}

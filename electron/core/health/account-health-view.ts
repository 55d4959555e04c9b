import type { Account } from '../../../shared/domain/accounts';
import {
  QUOTA_NEAR_SHARE,
  type AccountHealth,
  type HealthLevel,
  type QuotaUsage,
  type TokenState,
} from '../../../shared/domain/health';

const DAY = 86_400_000;
/** A sign-in that ends within this long must be renewed by the person soon. */
export const SIGN_IN_WARNING_MS = 7 * DAY;
/** An access token past its end by this long means renewing it has been failing. */
const RENEWAL_LATE_MS = 15 * 60_000;

export function tokenStateOf(account: Account, now: number): TokenState {
  if (account.status === 'needs_reconnect') return 'expired';
  const { refreshExpiresAt, accessExpiresAt } = account.token;
  if (refreshExpiresAt !== null) {
    if (refreshExpiresAt <= now) return 'expired';
    if (refreshExpiresAt - now < SIGN_IN_WARNING_MS) return 'expiring';
  }
  if (accessExpiresAt !== null && accessExpiresAt < now - RENEWAL_LATE_MS) return 'unknown';
  return 'valid';
}

/** A quota or cap of the platform (or the X budget) used at least QUOTA_NEAR_SHARE. */
export function nearQuotas(quotas: readonly QuotaUsage[]): QuotaUsage[] {
  return quotas.filter((q) => q.kind === 'quota' && q.used >= q.limit * QUOTA_NEAR_SHARE);
}

function verdict(
  account: Account,
  token: TokenState,
  quotas: readonly QuotaUsage[],
  failedLast24h: number,
): { level: HealthLevel; action: string | null } {
  switch (account.status) {
    case 'needs_reconnect':
      return {
        level: 'blocked',
        action:
          'Reconnect it on the Accounts screen: the platform no longer accepts its sign-in. Its posts wait until then.',
      };
    case 'disabled':
      return {
        level: 'blocked',
        action:
          account.counters.consecutiveErrors > 0
            ? 'It was stopped after posts failed in a row: see why in Errors, fix the cause, then enable it on the Accounts screen.'
            : 'You disabled it: enable it on the Accounts screen to post to it again.',
      };
    case 'error':
      return {
        level: 'blocked',
        action:
          'Its connection test failed: test it again on the Accounts screen, and reconnect it if the test still fails.',
      };
    case 'active':
    case 'rate_limited':
      break;
  }
  if (token === 'expired') {
    return {
      level: 'blocked',
      action: 'Its sign-in has ended: reconnect it on the Accounts screen.',
    };
  }
  if (token === 'expiring') {
    return {
      level: 'warning',
      action:
        'Its sign-in ends within a week and cannot be renewed without you: reconnect it on the Accounts screen before then.',
    };
  }
  if (token === 'unknown') {
    return {
      level: 'warning',
      action:
        'ReelPilot could not renew its sign-in lately: test it on the Accounts screen (the network or the platform may be down).',
    };
  }
  if (account.counters.consecutiveErrors > 0 || failedLast24h > 0) {
    return {
      level: 'warning',
      action: 'Posts to it failed recently: see the Errors tab for why and what to do.',
    };
  }
  const [near] = nearQuotas(quotas);
  if (near) {
    return {
      level: 'warning',
      action:
        near.used >= near.limit
          ? `${near.label} is used up: posts wait until it resets. Nothing to do.`
          : `${near.label} is nearly used up: later posts may wait for its reset.`,
    };
  }
  return { level: 'ok', action: null };
}

/** An account's health: its sign-in, errors, headroom now, quotas, and what to do. */
export function accountHealthOf(
  account: Account,
  quotas: QuotaUsage[],
  failedLast24h: number,
  now: number,
): AccountHealth {
  const token = tokenStateOf(account, now);
  const { level, action } = verdict(account, token, quotas, failedLast24h);
  return {
    accountId: account.id,
    platform: account.platform,
    handle: account.handle,
    displayName: account.displayName,
    status: account.status,
    statusReason: account.statusReason,
    token: {
      state: token,
      accessExpiresAt: account.token.accessExpiresAt,
      refreshExpiresAt: account.token.refreshExpiresAt,
    },
    consecutiveErrors: account.counters.consecutiveErrors,
    lastSuccessAt: account.lastPostAt,
    lastErrorAt: account.lastErrorAt,
    failedLast24h,
    postNow: account.nextPost,
    nextFreeSlotAt: account.nextPost.allowed ? now : account.nextPost.at,
    quotas,
    level,
    action,
  };
}

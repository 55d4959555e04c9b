import type { AccountStatus, PostDecision } from '../../../shared/domain/accounts';

export const statusLabels: Record<AccountStatus, string> = {
  active: 'Active',
  needs_reconnect: 'Needs reconnecting',
  rate_limited: 'Rate limited',
  disabled: 'Disabled',
  error: 'Error',
};

export function formatTime(time: number, now = Date.now()): string {
  const date = new Date(time);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString(undefined, {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      });
}

export function describeNextPost(decision: PostDecision): string {
  if (decision.allowed) return 'Can post now';
  if (decision.at === null) return `Not posting: ${decision.reason}`;
  return `Next post from ${formatTime(decision.at)}: ${decision.reason}`;
}

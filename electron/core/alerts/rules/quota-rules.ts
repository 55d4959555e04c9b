import { causeKeys } from '../../../../shared/domain/notifications';
import { platformNames } from '../../../../shared/domain/platforms';
import type { AccountsService } from '../../accounts/accounts-module';
import { nearQuotas } from '../../health/health-module';
import type { AlertCause, AlertRule } from '../alert-rule';
import { accountName } from './words';

function amount(value: number, unit: 'posts' | 'units' | 'usd' | 'accounts'): string {
  if (unit === 'usd') return `$${value.toFixed(2)}`;
  return `${Math.round(value).toLocaleString('en-US')} ${unit === 'units' ? 'units' : unit}`;
}

/**
 * A platform's quota or cap (or the X budget) used to 80 % or more. A quota shared by every
 * account of a platform (YouTube's daily units, X's budget, an unaudited TikTok app) opens one
 * alert keyed by the platform, `quota-near:<platform>`; an account's own cap one keyed by the
 * account. Gone once the quota resets.
 */
export function quotaNearRule(accounts: Pick<AccountsService, 'overview'>): AlertRule {
  return {
    name: 'quota-near',
    keys: [causeKeys.quotaNear('')],
    follows: (event, payload) =>
      event === 'distribution:targetUpdated' && (payload as { state?: string }).state === 'success',
    async evaluate() {
      const causes = new Map<string, AlertCause>();
      for (const { account, quotas } of await accounts.overview()) {
        if (account.status !== 'active' && account.status !== 'rate_limited') continue;
        for (const quota of nearQuotas(quotas)) {
          const key = causeKeys.quotaNear(quota.shared ? account.platform : account.id);
          if (causes.has(key)) continue;
          const full = quota.used >= quota.limit;
          const who = quota.shared
            ? platformNames[account.platform]
            : accountName(account.platform, account.handle);
          causes.set(key, {
            key,
            kind: 'quotaNear',
            severity: 'warning',
            title: `${quota.label} ${full ? 'used up' : 'nearly used up'}`,
            body: `${amount(quota.used, quota.unit)} of ${amount(quota.limit, quota.unit)} used for ${who}.`,
            action: full
              ? 'Nothing to do: posts wait until it resets, then go out by themselves.'
              : 'Later posts may wait for its reset. Spread posts over the day, or raise the limit in Accounts → Pacing where the platform allows it.',
            target: { screen: 'accounts', itemId: account.id },
            count: 1,
          });
        }
      }
      return [...causes.values()];
    },
  };
}

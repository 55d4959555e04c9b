import { causeKeys } from '../../../../shared/domain/notifications';
import type { AccountsService } from '../../accounts/accounts-module';
import { suggestedAction } from '../../distribution/distribution-module';
import type { AlertRule } from '../alert-rule';
import type { RuleQueries } from '../rule-queries';
import { accountName, plural } from './words';

const accountsChanged = (event: string) => event === 'accounts:changed';

/**
 * An account that needs reconnecting (the platform refused its sign-in), or that ReelPilot
 * deactivated after too many errors in a row. Gone once it is reconnected or enabled again.
 */
export function blockedAccountRule(
  queries: RuleQueries,
  accounts: Pick<AccountsService, 'pacing'>,
): AlertRule {
  return {
    name: 'blocked-account',
    keys: [causeKeys.accountNeedsReconnect(''), causeKeys.accountDeactivated('')],
    follows: accountsChanged,
    async evaluate() {
      const threshold = (await accounts.pacing()).autoDisableAfterErrors;
      return (await queries.blockedAccounts()).flatMap((account) => {
        const name = accountName(account.platform, account.handle);
        const target = { screen: 'accounts' as const, itemId: account.id };
        if (account.status === 'needs_reconnect') {
          return [
            {
              key: causeKeys.accountNeedsReconnect(account.id),
              kind: 'accountReconnect',
              severity: 'error' as const,
              title: `Reconnect ${name}`,
              body:
                account.statusReason ?? 'The platform no longer accepts this account’s sign-in.',
              action: 'Reconnect it on the Accounts screen; its posts wait until then.',
              target,
              count: 1,
            },
          ];
        }
        // Disabled by the person is their choice; deactivated after errors needs them.
        if (account.consecutiveErrors < threshold) return [];
        return [
          {
            key: causeKeys.accountDeactivated(account.id),
            kind: 'accountReconnect',
            severity: 'error' as const,
            title: `${name} was deactivated`,
            body:
              account.statusReason ??
              `${plural(account.consecutiveErrors, 'post')} failed in a row; ReelPilot stopped posting to it.`,
            action:
              'See why in Statistics → Errors, fix the cause, then enable it on the Accounts screen.',
            target,
            count: account.consecutiveErrors,
          },
        ];
      });
    },
  };
}

const postClasses = new Set(['auth', 'rate', 'transient', 'content']);

/**
 * Posts to an account that failed for good (their retries used up, or refused for good) since
 * the account's last post went out: one alert per account, counting them. Gone once a post to
 * the account goes out, or the failed posts are retried.
 */
export function failuresInARowRule(queries: RuleQueries): AlertRule {
  return {
    name: 'failures-in-a-row',
    keys: [causeKeys.accountFailures('')],
    follows: (event, payload) =>
      accountsChanged(event) ||
      (event === 'distribution:targetUpdated' &&
        (payload as { state?: string }).state !== 'processing'),
    async evaluate() {
      return (await queries.failuresInARow()).map((failures) => {
        const name = accountName(failures.platform, failures.handle);
        const kind = failures.lastKind;
        return {
          key: causeKeys.accountFailures(failures.accountId),
          kind: 'postFailed',
          severity: 'error' as const,
          title:
            failures.count === 1
              ? `A post to ${name} failed`
              : `${failures.count} posts to ${name} failed in a row`,
          body: failures.lastMessage ?? 'The platform refused the post.',
          action:
            (kind !== null && postClasses.has(kind)
              ? suggestedAction(kind as Parameters<typeof suggestedAction>[0])
              : null) ?? 'See Statistics → Errors for what failed and what to do.',
          target: { screen: 'distribution' as const, itemId: failures.lastTargetId },
          count: failures.count,
        };
      });
    },
  };
}

import type { accountsChannels } from '../../../shared/contract/accounts-channels';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { AccountsService } from './accounts-service';

export function accountsHandlers(
  accounts: AccountsService,
): DomainHandlers<typeof accountsChannels> {
  return {
    'accounts:list': () => accounts.list(),
    'accounts:connect': ({ platform, allowInsecureStorage }) =>
      accounts.flows.start(platform, { allowInsecureStorage }),
    'accounts:cancelConnect': async ({ flowId }) => ({ cancelled: accounts.flows.cancel(flowId) }),
    'accounts:test': ({ accountId }) => accounts.test(accountId),
    'accounts:updateLimits': ({ accountId, limits }) => accounts.updateLimits(accountId, limits),
    'accounts:setEnabled': ({ accountId, enabled }) => accounts.setEnabled(accountId, enabled),
    'accounts:remove': async ({ accountId }) => ({ removed: await accounts.remove(accountId) }),
    'accounts:history': ({ accountId, limit }) => accounts.repo.history(accountId, limit ?? 100),
    'accounts:credentials': () => accounts.apps.list(),
    'accounts:saveCredentials': (input) => accounts.apps.save(input),
    'accounts:pacing': () => accounts.pacing(),
    'accounts:updatePacing': (patch) => accounts.updatePacing(patch),
  };
}

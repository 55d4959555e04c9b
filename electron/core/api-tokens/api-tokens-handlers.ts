import type { apiTokensChannels } from '../../../shared/contract/api-tokens-channels';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { ApiTokenService } from './api-token-service';

export function apiTokensHandlers(
  tokens: ApiTokenService,
): DomainHandlers<typeof apiTokensChannels> {
  return {
    'apiTokens:list': () => tokens.list(),
    'apiTokens:create': ({ name }) => tokens.create(name),
    'apiTokens:revoke': async ({ id }) => ({ revoked: await tokens.revoke(id) }),
  };
}

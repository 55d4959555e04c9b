import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import { KeyedSetting } from '../settings/settings-module';
import { ApiTokenService, storedTokensSchema } from './api-token-service';
import { apiTokensHandlers } from './api-tokens-handlers';

export type { ApiTokenService } from './api-token-service';

/**
 * Long-lived API tokens for scripts calling the headless host (stored as hashes under their own
 * key of the settings table). The host checks them (`service.verify`); the channels list, create
 * and revoke them.
 */
export function createApiTokensModule(core: ModuleCore) {
  const { clock, ids, logger } = servicePorts(core, 'api-tokens');
  const service = new ApiTokenService(
    new KeyedSetting(core.db, 'api.tokens', storedTokensSchema, logger),
    { clock, ids, logger },
  );
  return defineModule({
    name: 'api-tokens',
    service,
    handlers: apiTokensHandlers(service),
    recover: () => service.load(),
  });
}

export type ApiTokensModule = ReturnType<typeof createApiTokensModule>;

import type { EndpointOverrides } from '../../../shared/domain/platforms';
import { defineModule, type ModuleCore } from '../engine-module';
import type { SettingsService } from '../settings/settings-module';
import { accountsHandlers } from './accounts-handlers';
import { AccountsRepository } from './accounts-repository';
import { AccountsService } from './accounts-service';

export type { AccountsService } from './accounts-service';
export type { RecordErrorInput } from './account-health';
export type { FreeSlot, SlotPlanner, SlotRequest } from './pacing/slot-planner';
// Signing in to other Google services (the Drive connection) with the same developer app.
export { LoopbackFlows, type FlowStage } from './oauth/loopback-flows';
export { OAuthError } from './oauth/oauth-http';
export {
  googleAuthorizeUrl,
  googleExchangeCode,
  googleProvider,
} from './providers/google-provider';
export { tokenSetSchema, type ProviderContext, type TokenSet } from './providers/provider';
export type { AppCredentials } from './platform-apps';

/** Connected accounts: OAuth, tokens, pacing and health. */
export function createAccountsModule(
  core: ModuleCore,
  deps: { settings: SettingsService; endpointOverrides: EndpointOverrides | undefined },
) {
  const service = new AccountsService(core.ports, new AccountsRepository(core.db), {
    endpointOverrides: deps.endpointOverrides,
    timeZone: async () => (await deps.settings.get()).timeZone,
  });
  return defineModule({
    name: 'accounts',
    service,
    handlers: accountsHandlers(service),
    start: async () => service.startBackgroundRefresh(),
    stop: () => service.close(),
  });
}

export type AccountsModule = ReturnType<typeof createAccountsModule>;

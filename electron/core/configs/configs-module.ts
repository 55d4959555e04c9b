import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import type { SettingsService } from '../settings/settings-module';
import { ConfigRepository } from './config-repository';
import { ConfigService } from './config-service';
import { configsHandlers } from './configs-handlers';

export type { ConfigService } from './config-service';
export { defaultConfig, readDefinition } from './config-service';

/** Generation configs: what to make, when, for whom (the definitions, not their runs). */
export function createConfigsModule(core: ModuleCore, deps: { settings: SettingsService }) {
  const service = new ConfigService(new ConfigRepository(core.db), {
    ...servicePorts(core, 'configs'),
    defaultTimeZone: async () => (await deps.settings.get()).timeZone,
  });
  return defineModule({ name: 'configs', service, handlers: configsHandlers(service) });
}

export type ConfigsModule = ReturnType<typeof createConfigsModule>;

import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import { settingsHandlers } from './settings-handlers';
import { SettingsRepository } from './settings-repository';
import { SettingsService } from './settings-service';

export type { SettingsService } from './settings-service';
export { KeyedSetting } from './keyed-setting';

/**
 * The engine's settings (ffmpeg path, time zone, theme, start at login). Other modules keep
 * their own small state under their own key of the settings table with `KeyedSetting`.
 */
export function createSettingsModule(core: ModuleCore) {
  const service = new SettingsService(new SettingsRepository(core.db), {
    ...servicePorts(core, 'settings'),
    desktop: core.ports.desktop,
  });
  return defineModule({
    name: 'settings',
    service,
    handlers: settingsHandlers(service),
  });
}

export type SettingsModule = ReturnType<typeof createSettingsModule>;

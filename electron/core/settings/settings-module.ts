import { defineModule, type ModuleCore } from '../engine-module';
import { settingsHandlers } from './settings-handlers';
import { SettingsRepository } from './settings-repository';
import { SettingsService } from './settings-service';

export type { SettingsService } from './settings-service';

/** The engine's settings (ffmpeg path, time zone, theme, start at login). */
export function createSettingsModule(core: ModuleCore) {
  const { ports } = core;
  const service = new SettingsService(new SettingsRepository(core.db), {
    clock: ports.clock,
    events: ports.events,
    logger: ports.logger.child({ domain: 'settings' }),
    desktop: ports.desktop,
  });
  return defineModule({
    name: 'settings',
    service,
    handlers: settingsHandlers(service),
  });
}

export type SettingsModule = ReturnType<typeof createSettingsModule>;

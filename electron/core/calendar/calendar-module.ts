import type { AccountsService } from '../accounts/accounts-module';
import type { ConfigService } from '../configs/configs-module';
import type { DistributionService } from '../distribution/distribution-module';
import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import type { SettingsService } from '../settings/settings-module';
import { calendarHandlers } from './calendar-handlers';
import { CalendarService } from './calendar-service';

export type { CalendarService } from './calendar-service';

/**
 * The queue and calendar: scheduled runs and posts waiting for their slot, in one read model.
 * `isPaused` tells whether automation is paused (the engine's pause-all).
 */
export function createCalendarModule(
  core: ModuleCore,
  deps: {
    configs: ConfigService;
    accounts: AccountsService;
    settings: SettingsService;
    distribution: DistributionService;
    isPaused: () => boolean;
  },
) {
  const { clock, logger } = servicePorts(core, 'calendar');
  const service = new CalendarService({
    configs: deps.configs,
    accounts: deps.accounts,
    settings: deps.settings,
    distribution: deps.distribution,
    isPaused: deps.isPaused,
    clock,
    logger,
  });
  return defineModule({ name: 'calendar', service, handlers: calendarHandlers(service) });
}

export type CalendarModule = ReturnType<typeof createCalendarModule>;

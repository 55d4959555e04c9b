import type { calendarChannels } from '../../../shared/contract/calendar-channels';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { CalendarService } from './calendar-service';

export function calendarHandlers(
  service: CalendarService,
): DomainHandlers<typeof calendarChannels> {
  return {
    'calendar:agenda': (range) => service.agenda(range),
  };
}

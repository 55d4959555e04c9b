import type { alertsChannels } from '../../../shared/contract/alerts-channels';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { AlertsService } from './alerts-service';
import type { ErrorLog } from './error-log';

export function alertsHandlers(
  alerts: AlertsService,
  errors: ErrorLog,
): DomainHandlers<typeof alertsChannels> {
  return {
    'alerts:list': (input) => alerts.list(input),
    'alerts:counts': () => alerts.counts(),
    'alerts:acknowledge': ({ id }) => alerts.acknowledge(id),
    'alerts:resolve': ({ id }) => alerts.resolve(id),
    'statistics:errors': (input) => errors.list(input),
  };
}

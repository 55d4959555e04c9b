import type { retentionChannels } from '../../../shared/contract/retention-channels';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { RetentionService } from './retention-service';

export function retentionHandlers(
  service: RetentionService,
): DomainHandlers<typeof retentionChannels> {
  return {
    'retention:status': () => service.status(),
    'retention:update': (patch) => service.update(patch),
    'retention:runNow': () => service.runNow(),
  };
}

import type { healthChannels } from '../../../shared/contract/health-channels';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { HealthService } from './health-service';

export function healthHandlers(health: HealthService): DomainHandlers<typeof healthChannels> {
  return {
    'statistics:accountHealth': () => health.accountHealth(),
    'statistics:systemHealth': () => health.systemHealth(),
  };
}

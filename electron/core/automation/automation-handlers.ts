import type { automationChannels } from '../../../shared/contract/automation-channels';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { AutomationService } from './automation-service';

export function automationHandlers(
  automation: AutomationService,
): DomainHandlers<typeof automationChannels> {
  return {
    'automation:status': () => automation.status(),
    'automation:pause': () => automation.pause(),
    'automation:resume': () => automation.resume(),
    'automation:preferences': () => automation.preferences(),
    'automation:updatePreferences': (patch) => automation.updatePreferences(patch),
  };
}

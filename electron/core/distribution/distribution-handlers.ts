import type { distributionChannels } from '../../../shared/contract/distribution-channels';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { DistributionService } from './distribution-service';

export function distributionHandlers(
  service: DistributionService,
): DomainHandlers<typeof distributionChannels> {
  return {
    'distribution:list': (filter) => service.list(filter),
    'distribution:retry': ({ targetId }) => service.retry(targetId),
    'distribution:editPost': (input, context) => service.editPost(input, context.transport),
    'distribution:reschedule': (input, context) => service.reschedule(input, context.transport),
    'distribution:changes': ({ targetId }) => service.changes(targetId),
    'distribution:metrics': ({ targetId }) => service.metrics(targetId),
    'distribution:summary': () => service.summary(),
  };
}

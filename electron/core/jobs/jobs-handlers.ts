import type { jobsChannels } from '../../../shared/contract/jobs-channels';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { JobQueue } from './job-queue';

export function jobsHandlers(queue: JobQueue): DomainHandlers<typeof jobsChannels> {
  return {
    'jobs:list': (filter) => queue.list(filter),
    'jobs:cancel': ({ id }) => queue.cancel(id),
  };
}

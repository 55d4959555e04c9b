import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import type { JobHolds } from './job-holds';
import { JobQueue } from './job-queue';
import { SqliteJobStore } from './job-store';
import { jobsHandlers } from './jobs-handlers';

export type { BackoffPolicy } from './backoff';
export type { JobQueue } from './job-queue';
export type { HoldChange, JobHolds } from './job-holds';
export { AUTOMATIC_PRIORITY, BATCH_PRIORITY, PERSON_REQUESTED_PRIORITY } from './job-priorities';
export {
  LeaseLostError,
  PermanentJobError,
  RetryLaterError,
  type JobContext,
  type JobHandler,
} from './job-handler';

/**
 * The durable queue. Other modules register their job kinds through `jobHandlers`; the queue
 * runs nothing until `start`, which comes after every module's `recover`. `holds` (Pause all and
 * the machine's sleep) keep jobs waiting without the queue knowing why.
 */
export function createJobsModule(
  core: ModuleCore,
  options: { shutdownGraceMs: number; holds?: JobHolds },
) {
  const service = new JobQueue({
    store: new SqliteJobStore(core.db),
    ...servicePorts(core, 'jobs'),
    holds: options.holds,
    // The engine holds the data-folder lock: no other worker shares this database.
    soleWorker: true,
  });
  return defineModule({
    name: 'jobs',
    service,
    handlers: jobsHandlers(service),
    start: () => service.start(),
    stop: () => service.shutdown(options.shutdownGraceMs),
  });
}

export type JobsModule = ReturnType<typeof createJobsModule>;

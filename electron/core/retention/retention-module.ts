import { retentionPolicySchema, retentionRunSchema } from '../../../shared/domain/retention';
import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import { rendersDirOf } from '../generation/generation-module';
import type { JobQueue } from '../jobs/jobs-module';
import type { MediaService } from '../media/media-module';
import { KeyedSetting } from '../settings/settings-module';
import { retentionHandlers } from './retention-handlers';
import { RetentionRepository } from './retention-repository';
import { RetentionService, retentionCursorSchema } from './retention-service';

export type { RetentionService } from './retention-service';

/**
 * What is kept and for how long (Settings → Data kept): metrics history thinned to one reading a
 * day and then deleted, run history and the accounts' post and error history deleted after a
 * year, rendered videos of finished posts deleted on request; applied by a daily job on the
 * queue. Made after the modules whose tables it prunes, which know nothing of it.
 */
export function createRetentionModule(
  core: ModuleCore,
  deps: {
    jobs: JobQueue;
    media: MediaService;
    freeBytes?: ((dir: string) => Promise<number>) | undefined;
  },
) {
  const ports = servicePorts(core, 'retention');
  const service = new RetentionService({
    repository: new RetentionRepository(core.db),
    policySetting: new KeyedSetting(
      core.db,
      'retention.policy',
      retentionPolicySchema,
      ports.logger,
    ),
    cursorSetting: new KeyedSetting(
      core.db,
      'retention.cursor',
      retentionCursorSchema,
      ports.logger,
    ),
    lastRunSetting: new KeyedSetting(
      core.db,
      'retention.lastRun',
      retentionRunSchema,
      ports.logger,
    ),
    queue: deps.jobs,
    library: deps.media,
    paths: core.ports.paths,
    rendersDir: rendersDirOf(core.ports.paths),
    ...(deps.freeBytes ? { freeBytes: deps.freeBytes } : {}),
    ...ports,
  });
  return defineModule({
    name: 'retention',
    service,
    handlers: retentionHandlers(service),
    jobHandlers: [service.jobHandler()],
    start: () => service.start(),
  });
}

export type RetentionModule = ReturnType<typeof createRetentionModule>;

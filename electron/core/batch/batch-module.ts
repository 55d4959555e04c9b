import type { ConfigRun } from '../../../shared/domain/configs';
import type { DistributionTarget } from '../../../shared/domain/distribution';
import type { ConfigService } from '../configs/configs-module';
import type { ExecutionService } from '../runs/runs-module';
import type { AccountsService } from '../accounts/accounts-module';
import type { AutomationModule } from '../automation/automation-module';
import type { DistributionService } from '../distribution/distribution-module';
import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import { describeError } from '../errors';
import type { JobQueue } from '../jobs/jobs-module';
import type { MediaService } from '../media/media-module';
import type { SettingsService } from '../settings/settings-module';
import { batchHandlers } from './batch-handlers';
import { BATCH_ITEM_JOB } from './batch-item-job';
import { BatchLifecycle } from './batch-lifecycle';
import { BatchRepository } from './batch-repository';
import { BatchService } from './batch-service';

export type { BatchService } from './batch-service';

/**
 * Batch jobs (docs/batch.md): CSV imports and distribute batches, each item a job on the
 * durable queue that hands one post to distribution. Watches distribution's post events (the
 * automation's tap) to follow each item's post.
 */
export function createBatchModule(
  core: ModuleCore,
  deps: {
    jobs: JobQueue;
    accounts: AccountsService;
    media: MediaService;
    distribution: DistributionService;
    settings: SettingsService;
    configs: Pick<ConfigService, 'require' | 'list'>;
    runs: ExecutionService;
    automation: Pick<AutomationModule, 'watch' | 'holdUploads'>;
  },
) {
  const ports = servicePorts(core, 'batch');
  const repository = new BatchRepository(core.db);
  const lifecycle = new BatchLifecycle({
    repository,
    queue: deps.jobs,
    accounts: deps.accounts,
    media: deps.media,
    distribution: deps.distribution,
    runs: deps.runs,
    configs: deps.configs,
    timeZone: async () => (await deps.settings.get()).timeZone,
    clock: ports.clock,
    events: ports.events,
    logger: ports.logger,
  });
  const service = new BatchService({
    repository,
    lifecycle,
    queue: deps.jobs,
    accounts: deps.accounts,
    media: deps.media,
    distribution: deps.distribution,
    configs: deps.configs,
    clock: ports.clock,
    ids: ports.ids,
    logger: ports.logger,
  });
  // A batch item hands a post over: Pause all and the machine's sleep hold it like an upload.
  deps.automation.holdUploads(BATCH_ITEM_JOB);
  let unwatch: (() => void) | null = null;
  return defineModule({
    name: 'batch',
    service,
    handlers: batchHandlers(service),
    jobHandlers: [lifecycle.itemHandler()],
    recover: async () => {
      await lifecycle.syncHandedOver();
      await lifecycle.generate.syncAll();
    },
    start: async () => {
      unwatch = deps.automation.watch((event, payload) => {
        if (event === 'configs:runUpdated') {
          const { id } = payload as ConfigRun;
          lifecycle.generate.syncRun(id).catch((error: unknown) =>
            ports.logger.error('batch item not updated from its run', {
              runId: id,
              error: describeError(error),
            }),
          );
          return;
        }
        if (event !== 'distribution:targetUpdated') return;
        const { id } = payload as DistributionTarget;
        Promise.all([lifecycle.syncTarget(id), lifecycle.generate.syncTarget(id)]).catch(
          (error: unknown) =>
            ports.logger.error('batch item not updated from its post', {
              targetId: id,
              error: describeError(error),
            }),
        );
      });
      await lifecycle.feedAll();
    },
    stop: async () => {
      unwatch?.();
      unwatch = null;
    },
  });
}

export type BatchModule = ReturnType<typeof createBatchModule>;

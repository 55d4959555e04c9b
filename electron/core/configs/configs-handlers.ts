import type { configsChannels } from '../../../shared/contract/configs-channels';
import type { MediaService } from '../media/media-service';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { Scheduler } from '../scheduler/scheduler';
import type { ConfigPreviews } from './config-previews';
import { readDefinition, type ConfigService } from './config-service';
import type { ExecutionService } from './execution-service';

export function configsHandlers(
  configs: ConfigService,
  execution: ExecutionService,
  scheduler: Scheduler,
  clock: { now(): number },
  generation: { previews: ConfigPreviews; media: Pick<MediaService, 'findByPath'> },
): DomainHandlers<typeof configsChannels> {
  return {
    'configs:list': () => configs.list(),
    'configs:get': ({ id }) => configs.get(id),
    'configs:defaults': () => configs.defaults(),
    'configs:create': (input) => configs.create(input),
    'configs:update': ({ id, config }) => configs.update(id, config),
    'configs:delete': async ({ id }) => ({ deleted: await configs.delete(id) }),
    'configs:setActive': ({ id, active }) => configs.setActive(id, active),
    'configs:checkDue': async () => {
      const checkedAt = clock.now();
      return { checkedAt, started: await scheduler.tick('manual') };
    },
    'configs:executeNow': async ({ id }) => {
      const row = await configs.require(id);
      return execution.executeNow(id, readDefinition(row));
    },
    'configs:cancelRun': ({ runId }) => execution.cancelRun(runId),
    'configs:history': (filter) => execution.history(filter),
    'configs:previewSchedule': async ({ schedule, count }) => ({
      occurrences: configs.previewSchedule(schedule, count),
    }),
    'configs:preview': (input) => generation.previews.preview(input),
    'configs:renderedMedia': async ({ paths }) =>
      Promise.all(
        paths.map(async (path) => ({ path, item: await generation.media.findByPath(path) })),
      ),
  };
}

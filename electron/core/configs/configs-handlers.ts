import type { configsChannels } from '../../../shared/contract/configs-channels';
import type { ChannelHandlers } from '../ipc/handler-registry';
import type { ConfigService } from './config-service';

/** The definition channels; runs and generation answer the rest of `configs:*`. */
export function configsHandlers(
  configs: ConfigService,
): ChannelHandlers<
  typeof configsChannels,
  | 'configs:list'
  | 'configs:get'
  | 'configs:defaults'
  | 'configs:create'
  | 'configs:update'
  | 'configs:delete'
  | 'configs:setActive'
  | 'configs:previewSchedule'
> {
  return {
    'configs:list': () => configs.list(),
    'configs:get': ({ id }) => configs.get(id),
    'configs:defaults': () => configs.defaults(),
    'configs:create': (input) => configs.create(input),
    'configs:update': ({ id, config }) => configs.update(id, config),
    'configs:delete': async ({ id }) => ({ deleted: await configs.delete(id) }),
    'configs:setActive': ({ id, active }) => configs.setActive(id, active),
    'configs:previewSchedule': async ({ schedule, count }) => ({
      occurrences: configs.previewSchedule(schedule, count),
    }),
  };
}

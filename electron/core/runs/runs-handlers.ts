import type { configsChannels } from '../../../shared/contract/configs-channels';
import { readDefinition, type ConfigService } from '../configs/configs-module';
import type { ChannelHandlers } from '../ipc/handler-registry';
import type { Clock } from '../ports';
import type { ExecutionService } from './execution-service';
import type { RunScheduler } from './run-scheduler';

export function runsHandlers(
  configs: Pick<ConfigService, 'require'>,
  execution: ExecutionService,
  scheduler: RunScheduler,
  clock: Pick<Clock, 'now'>,
): ChannelHandlers<
  typeof configsChannels,
  'configs:checkDue' | 'configs:executeNow' | 'configs:cancelRun' | 'configs:history'
> {
  return {
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
  };
}

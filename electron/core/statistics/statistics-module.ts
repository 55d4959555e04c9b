import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import { describeError } from '../errors';
import type { JobQueue } from '../jobs/jobs-module';
import type { MediaService } from '../media/media-module';
import type { SettingsService } from '../settings/settings-module';
import { RollupKeeper } from './rollup-keeper';
import { RollupQueries } from './rollup-queries';
import { statisticsHandlers } from './statistics-handlers';
import { StatisticsRepository } from './statistics-repository';
import { StatisticsService } from './statistics-service';

export type { StatisticsRecorder } from './statistics-recorder';
export type { StatisticsService } from './statistics-service';

/**
 * Statistics: rollups kept current by the recorder runs and distribution call as things happen
 * (`recorder`), rebuilt from the raw tables on the queue, and the dashboard's reads.
 */
export function createStatisticsModule(
  core: ModuleCore,
  deps: {
    settings: Pick<SettingsService, 'get' | 'onChange'>;
    jobs: JobQueue;
    media: Pick<MediaService, 'findByPath'>;
  },
) {
  const basics = servicePorts(core, 'statistics');
  const settingsZone = async () => (await deps.settings.get()).timeZone;
  const keeper = new RollupKeeper({
    repository: new StatisticsRepository(core.db),
    settingsZone,
    queue: deps.jobs,
    ...basics,
  });
  const queries = new RollupQueries(core.db);
  const service = new StatisticsService({
    queries,
    keeper,
    settingsZone,
    media: deps.media,
    clock: basics.clock,
  });
  deps.settings.onChange((next, previous) => {
    if (next.timeZone === previous.timeZone) return;
    keeper.timeZoneChanged(next.timeZone).catch((error: unknown) =>
      basics.logger.error('statistics not rebuilt for the new time zone', {
        timeZone: next.timeZone,
        error: describeError(error),
      }),
    );
  });
  return defineModule({
    name: 'statistics',
    service,
    /** What runs and distribution call, inside their transactions, as things happen. */
    recorder: keeper.recorder,
    keeper,
    handlers: statisticsHandlers(service, keeper, queries),
    jobHandlers: [keeper.rebuildHandler()],
    recover: () => keeper.recover(),
    stop: async () => keeper.stop(),
  });
}

export type StatisticsModule = ReturnType<typeof createStatisticsModule>;

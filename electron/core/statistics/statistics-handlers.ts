import type { statisticsChannels } from '../../../shared/contract/statistics-channels';
import { platformNames } from '../../../shared/domain/platforms';
import type { StatisticsFilters } from '../../../shared/domain/statistics';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { RollupKeeper } from './rollup-keeper';
import type { RollupQueries } from './rollup-queries';
import { figuresCsv, postsCsv } from './statistics-export';
import type { StatisticsService } from './statistics-service';

/** The filters in words, for the head of an exported file. */
async function filtersText(queries: RollupQueries, filters: StatisticsFilters): Promise<string> {
  const parts: string[] = [];
  if (filters.platform) parts.push(`platform ${platformNames[filters.platform]}`);
  if (filters.accountId) {
    const handle = (await queries.handles([filters.accountId])).get(filters.accountId);
    parts.push(`account ${handle ?? `(removed account ${filters.accountId})`}`);
  }
  if (filters.configId) {
    const name = await queries.configName(filters.configId);
    parts.push(`config ${name ?? `(deleted config ${filters.configId})`}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'none (every platform, account and config)';
}

export function statisticsHandlers(
  service: StatisticsService,
  keeper: RollupKeeper,
  queries: RollupQueries,
): DomainHandlers<typeof statisticsChannels> {
  return {
    'statistics:dashboard': (input) => service.dashboard(input),
    'statistics:timeseries': (input) => service.timeseries(input),
    'statistics:topPosts': (input) => service.topPosts(input),
    'statistics:bestTimes': (input) => service.bestTimes(input),
    'statistics:export': async (input) => {
      if (input.what === 'posts') {
        const { period, posts } = await service.periodPosts(input);
        return postsCsv(period, posts);
      }
      const [dashboard, series, words] = await Promise.all([
        service.dashboard(input),
        service.timeseries(input),
        filtersText(queries, input.filters),
      ]);
      return figuresCsv(dashboard, series, words);
    },
    'statistics:status': async () => keeper.currentStatus(),
    'statistics:rebuild': () => keeper.requestRebuild('asked for by the person'),
  };
}

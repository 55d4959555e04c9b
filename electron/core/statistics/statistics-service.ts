import {
  minPostsForBestTimes,
  minViewsForRate,
  type BestTimes,
  type Dashboard,
  type Grain,
  type ResolvedPeriod,
  type StatisticsFilters,
  type Timeseries,
  type TopPost,
  type Period,
} from '../../../shared/domain/statistics';
import type { MediaItem } from '../../../shared/domain/media';
import type { PlatformId } from '../../../shared/domain/platforms';
import type { PostRollupCounters, RenderRollupCounters } from '../db/schema';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import {
  addCounters,
  emptyPostCounters,
  emptyRenderCounters,
  engagementTotals,
  periodTotals,
  postCountersOf,
  postTotals,
  renderCountersOf,
  renderTotals,
} from './period-totals';
import { piecesOf, resolvePeriod, type Piece } from './periods';
import type { RollupKeeper } from './rollup-keeper';
import type { RollupQueries, TopPostRow } from './rollup-queries';
import { bucketOf, bucketStarts } from './zoned-buckets';

/** Hourly series are drawn for periods up to this many days. */
const MAX_HOURLY_DAYS = 31;

export interface MediaLookup {
  findByPath(path: string): Promise<Pick<MediaItem, 'id' | 'thumbnail' | 'contentHash'> | null>;
}

export interface StatisticsDeps {
  queries: RollupQueries;
  keeper: Pick<RollupKeeper, 'timeZone' | 'currentStatus'>;
  settingsZone(): Promise<string>;
  media: MediaLookup;
  clock: Clock;
}

/** Renders are counted per config: a platform or account filter leaves them out. */
function rendersApply(filters: StatisticsFilters): boolean {
  return filters.platform === undefined && filters.accountId === undefined;
}

/**
 * The dashboard's answers, read from the rollups (figures and series) and the per-post facts
 * (top posts, best times) in the zone the rollups are kept in.
 */
export class StatisticsService {
  constructor(private readonly deps: StatisticsDeps) {}

  async timeZone(): Promise<string> {
    return this.deps.keeper.timeZone() ?? (await this.deps.settingsZone());
  }

  async resolve(period: Period): Promise<ResolvedPeriod> {
    return resolvePeriod(period, this.deps.clock.now(), await this.timeZone());
  }

  /** The period cut into rollup rows: months where they fit, days (or hours) at the edges. */
  private pieces(period: ResolvedPeriod, start: number, end: number): Piece[] {
    return piecesOf(start, end, period.grain === 'hour' ? 'hour' : 'day', 'month', period.timeZone);
  }

  private async totals(
    period: ResolvedPeriod,
    start: number,
    end: number,
    filters: StatisticsFilters,
  ) {
    const pieces = this.pieces(period, start, end);
    const posts = emptyPostCounters();
    for (const row of await this.deps.queries.sumPosts(pieces, filters, 'none')) {
      addCounters(posts, postCountersOf(row));
    }
    let renders: RenderRollupCounters | null = null;
    if (rendersApply(filters)) {
      renders = emptyRenderCounters();
      for (const row of await this.deps.queries.sumRenders(pieces, filters.configId, false)) {
        addCounters(renders, renderCountersOf(row));
      }
    }
    return periodTotals(posts, renders);
  }

  async dashboard(input: { period: Period; filters: StatisticsFilters }): Promise<Dashboard> {
    const { filters } = input;
    const period = await this.resolve(input.period);
    const pieces = this.pieces(period, period.start, period.end);
    const [current, previous, platforms, accounts, hasHistory] = await Promise.all([
      this.totals(period, period.start, period.end, filters),
      this.totals(period, period.previousStart, period.previousEnd, filters),
      this.deps.queries.sumPosts(pieces, filters, 'platform'),
      this.deps.queries.sumPosts(pieces, filters, 'account'),
      this.deps.queries.hasHistory(),
    ]);
    const handles = await this.deps.queries.handles(accounts.map((row) => row.account_id));
    const group = (rows: typeof platforms, key: (row: (typeof platforms)[number]) => string) => {
      const summed = new Map<
        string,
        { row: (typeof platforms)[number]; counters: PostRollupCounters }
      >();
      for (const row of rows) {
        const entry = summed.get(key(row)) ?? { row, counters: emptyPostCounters() };
        addCounters(entry.counters, postCountersOf(row));
        summed.set(key(row), entry);
      }
      return [...summed.values()].sort(
        (a, b) => b.counters.views - a.counters.views || b.counters.posts - a.counters.posts,
      );
    };
    return {
      period,
      current,
      previous,
      byPlatform: group(platforms, (row) => row.platform).map(({ row, counters }) => ({
        platform: row.platform as PlatformId,
        posts: postTotals(counters),
        engagement: engagementTotals(counters),
      })),
      byAccount: group(accounts, (row) => row.account_id).map(({ row, counters }) => ({
        accountId: row.account_id,
        platform: row.platform as PlatformId,
        handle: handles.get(row.account_id) ?? null,
        posts: postTotals(counters),
        engagement: engagementTotals(counters),
      })),
      hasHistory,
      rebuild: this.deps.keeper.currentStatus(),
    };
  }

  async timeseries(input: {
    period: Period;
    filters: StatisticsFilters;
    grain?: Grain | undefined;
  }): Promise<Timeseries> {
    const { filters } = input;
    const period = await this.resolve(input.period);
    const grain = input.grain ?? period.grain;
    const zone = period.timeZone;
    if (grain === 'hour' && period.days !== null && period.days > MAX_HOURLY_DAYS) {
      throw new AppError(
        'BAD_INPUT',
        `grain: Hourly figures are drawn for periods of up to ${MAX_HOURLY_DAYS} days. Choose days, weeks or months for this period.`,
        {
          issues: [
            { path: 'grain', message: `Hours only for periods up to ${MAX_HOURLY_DAYS} days.` },
          ],
        },
      );
    }
    const pieces: Piece[] =
      grain === 'hour' || period.grain === 'hour'
        ? [{ grain: 'hour', from: period.start, to: period.end }]
        : piecesOf(period.start, period.end, 'day', grain, zone);
    const starts = bucketStarts(grain, period.start, period.end, zone);
    const posts = new Map(starts.map((start) => [start, emptyPostCounters()]));
    const renders = new Map(starts.map((start) => [start, emptyRenderCounters()]));
    const pieceGrain = new Map(pieces.map((piece) => [piece, piece.grain]));
    const into = (piece: Piece, bucket: number) =>
      pieceGrain.get(piece) === grain ? bucket : bucketOf(grain, bucket, zone);
    for (const piece of pieces) {
      for (const row of await this.deps.queries.sumPosts([piece], filters, 'bucket')) {
        const target = posts.get(into(piece, row.bucket));
        if (target) addCounters(target, postCountersOf(row));
      }
      if (!rendersApply(filters)) continue;
      for (const row of await this.deps.queries.sumRenders([piece], filters.configId, true)) {
        const target = renders.get(into(piece, row.bucket));
        if (target) addCounters(target, renderCountersOf(row));
      }
    }
    return {
      period,
      grain,
      points: starts.map((start) => {
        const counters = posts.get(start) ?? emptyPostCounters();
        const rendered = renders.get(start) ?? emptyRenderCounters();
        return {
          start,
          posts: postTotals(counters),
          engagement: engagementTotals(counters),
          renders: rendersApply(filters) ? renderTotals(rendered) : null,
        };
      }),
    };
  }

  async topPosts(input: {
    period: Period;
    filters: StatisticsFilters;
    sort: 'views' | 'engagementRate';
    limit: number;
  }): Promise<TopPost[]> {
    const period = await this.resolve(input.period);
    const rows = await this.deps.queries.posts(period.start, period.end, input.filters, {
      by: input.sort,
      minViews: minViewsForRate,
      limit: input.limit,
    });
    return Promise.all(rows.map((row) => this.topPost(row)));
  }

  /** Every published post of the period, oldest first (the CSV export). */
  async periodPosts(input: { period: Period; filters: StatisticsFilters }) {
    const period = await this.resolve(input.period);
    return {
      period,
      posts: await this.deps.queries.posts(period.start, period.end, input.filters, 'time'),
    };
  }

  private async topPost(row: TopPostRow): Promise<TopPost> {
    const media = row.file_path ? await this.deps.media.findByPath(row.file_path) : null;
    return {
      targetId: row.target_id,
      title: row.title,
      platform: row.platform as PlatformId,
      accountId: row.account_id,
      handle: row.handle,
      url: row.url,
      publishedAt: row.at,
      views: row.views,
      likes: row.likes,
      comments: row.comments,
      shares: row.shares,
      saves: row.saves,
      engagementRate: postEngagementRate(row),
      media: media
        ? { id: media.id, thumbnail: media.thumbnail, contentHash: media.contentHash }
        : null,
    };
  }

  async bestTimes(input: { filters: StatisticsFilters }): Promise<BestTimes> {
    const timeZone = await this.timeZone();
    const rows = await this.deps.queries.publishingHours(input.filters);
    const posts = rows.reduce((sum, row) => sum + Number(row.posts), 0);
    const since = rows.reduce<number | null>(
      (min, row) => (min === null || row.since < min ? row.since : min),
      null,
    );
    return {
      timeZone,
      posts,
      since,
      enough: posts >= minPostsForBestTimes,
      cells: rows.map((row) => ({
        weekday: row.weekday,
        hour: row.hour_of_day,
        posts: Number(row.posts),
        averageViews: Number(row.views) / Number(row.posts),
        engagementRate:
          Number(row.rated_views) > 0
            ? Number(row.rated_interactions) / Number(row.rated_views)
            : null,
      })),
    };
  }
}

/** One post's engagement rate, as the totals count it (views and at least one interaction). */
export function postEngagementRate(row: {
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
}): number | null {
  const interactions = [row.likes, row.comments, row.shares, row.saves].filter(
    (value): value is number => value !== null,
  );
  if (row.views === null || row.views <= 0 || interactions.length === 0) return null;
  return interactions.reduce((sum, value) => sum + value, 0) / row.views;
}

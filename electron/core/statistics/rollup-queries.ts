import { CompiledQuery, sql, type Kysely } from 'kysely';
import { platformIds } from '../../../shared/domain/platforms';
import type { StatisticsFilters } from '../../../shared/domain/statistics';
import type {
  Database,
  PostRollupCounters,
  RenderRollupCounters,
  StatsPostFactRow,
} from '../db/schema';
import type { Piece } from './periods';
import { postCounterColumns, renderCounterColumns } from './fact-store';
import { ALL } from './statistics-repository';

export type PostGroup = 'none' | 'bucket' | 'platform' | 'account';

export interface PostSumRow extends PostRollupCounters {
  bucket: number;
  platform: string;
  account_id: string;
}

export interface RenderSumRow extends RenderRollupCounters {
  bucket: number;
}

const postSums = postCounterColumns;
const renderSums = renderCounterColumns;

const groupColumns: Record<PostGroup, Array<'bucket' | 'platform' | 'account_id'>> = {
  none: [],
  bucket: ['bucket'],
  platform: ['platform'],
  account: ['platform', 'account_id'],
};

export interface TopPostRow extends StatsPostFactRow {
  url: string | null;
  title: string | null;
  file_path: string | null;
  handle: string | null;
}

/**
 * The dashboard's reads. Figures come from the rollups only, one primary-key range per piece of
 * the period; the top posts and best times from the per-post facts (one row per post, never the
 * metrics history).
 */
export class RollupQueries {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Sums of the rollup rows of each piece, grouped as asked. Written as SQL text: the dashboard
   * runs a handful of these per answer, and building them with the query builder cost more than
   * reading the rows.
   */
  async sumPosts(
    pieces: readonly Piece[],
    filters: StatisticsFilters,
    group: PostGroup,
  ): Promise<PostSumRow[]> {
    const columns = groupColumns[group];
    const where = ['grain = ?', 'bucket >= ?', 'bucket < ?'];
    const parameters: unknown[] = [];
    const filtered = filters.platform || filters.accountId || filters.configId;
    if (!filtered && (group === 'none' || group === 'bucket')) {
      // The bucket's total row.
      where.push('platform = ?');
      parameters.push(ALL);
    } else {
      // One range of the key per platform.
      const platforms = filters.platform ? [filters.platform] : platformIds;
      where.push(`platform IN (${platforms.map(() => '?').join(', ')})`);
      parameters.push(...platforms);
      if (filters.accountId) {
        where.push('account_id = ?');
        parameters.push(filters.accountId);
      }
      if (filters.configId) {
        where.push('config_id = ?');
        parameters.push(filters.configId);
      }
    }
    const text =
      `SELECT ${[...columns, ...postSums.map((c) => `sum(${c}) AS ${c}`)].join(', ')} ` +
      `FROM stats_post_rollups WHERE ${where.join(' AND ')}` +
      (columns.length > 0 ? ` GROUP BY ${columns.join(', ')}` : '');
    const rows: PostSumRow[] = [];
    for (const piece of pieces) {
      const result = await this.db.executeQuery<Record<string, unknown>>(
        CompiledQuery.raw(text, [piece.grain, piece.from, piece.to, ...parameters]),
      );
      for (const record of result.rows) {
        if (record.posts === null) continue;
        const row = {
          bucket: (record.bucket as number | undefined) ?? piece.from,
          platform: (record.platform as string | undefined) ?? '',
          account_id: (record.account_id as string | undefined) ?? '',
        } as PostSumRow;
        for (const c of postSums) row[c] = Number(record[c] ?? 0);
        rows.push(row);
      }
    }
    return rows;
  }

  async sumRenders(
    pieces: readonly Piece[],
    configId: string | undefined,
    byBucket: boolean,
  ): Promise<RenderSumRow[]> {
    const text =
      `SELECT ${[...(byBucket ? ['bucket'] : []), ...renderSums.map((c) => `sum(${c}) AS ${c}`)].join(', ')} ` +
      'FROM stats_render_rollups WHERE grain = ? AND config_id = ? AND bucket >= ? AND bucket < ?' +
      (byBucket ? ' GROUP BY bucket' : '');
    const rows: RenderSumRow[] = [];
    for (const piece of pieces) {
      const result = await this.db.executeQuery<Record<string, unknown>>(
        CompiledQuery.raw(text, [piece.grain, configId ?? ALL, piece.from, piece.to]),
      );
      for (const record of result.rows) {
        if (record.videos === null) continue;
        const row = { bucket: (record.bucket as number | undefined) ?? piece.from } as RenderSumRow;
        for (const c of renderSums) row[c] = Number(record[c] ?? 0);
        rows.push(row);
      }
    }
    return rows;
  }

  async hasHistory(): Promise<boolean> {
    const post = await this.db
      .selectFrom('stats_post_facts')
      .select('target_id')
      .limit(1)
      .executeTakeFirst();
    if (post) return true;
    const render = await this.db
      .selectFrom('stats_render_facts')
      .select('run_video_id')
      .limit(1)
      .executeTakeFirst();
    return render !== undefined;
  }

  async configName(configId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('configs')
      .select('name')
      .where('id', '=', configId)
      .executeTakeFirst();
    return row?.name ?? null;
  }

  async handles(accountIds: string[]): Promise<Map<string, string>> {
    const rows = await this.inChunks(accountIds, (chunk) =>
      this.db.selectFrom('accounts').select(['id', 'handle']).where('id', 'in', chunk).execute(),
    );
    return new Map(rows.map((row) => [row.id, row.handle]));
  }

  private publishedFacts(start: number, end: number, filters: StatisticsFilters) {
    return this.db
      .selectFrom('stats_post_facts as f')
      .where('f.outcome', '=', 'succeeded')
      .where('f.at', '>=', start)
      .where('f.at', '<', end)
      .$if(filters.platform !== undefined, (q) => q.where('f.platform', '=', filters.platform!))
      .$if(filters.accountId !== undefined, (q) => q.where('f.account_id', '=', filters.accountId!))
      .$if(filters.configId !== undefined, (q) => q.where('f.config_id', '=', filters.configId!));
  }

  /** Published posts of a range with their links and titles, best first or oldest first. */
  async posts(
    start: number,
    end: number,
    filters: StatisticsFilters,
    order: { by: 'views' | 'engagementRate'; minViews: number; limit: number } | 'time',
  ): Promise<TopPostRow[]> {
    // The best few are picked from the facts alone; only they are joined to their posts.
    let chosen = this.publishedFacts(start, end, filters).selectAll('f');
    if (order === 'time') {
      chosen = chosen.orderBy('f.at').orderBy('f.target_id');
    } else if (order.by === 'views') {
      chosen = chosen
        .where('f.views', 'is not', null)
        .orderBy('f.views', 'desc')
        .orderBy('f.at', 'desc')
        .limit(order.limit);
    } else {
      chosen = chosen
        .where('f.views', '>=', Math.max(1, order.minViews))
        .where(sql<boolean>`coalesce(f.likes, f.comments, f.shares, f.saves) IS NOT NULL`)
        .orderBy(
          sql`(coalesce(f.likes, 0) + coalesce(f.comments, 0) + coalesce(f.shares, 0) + coalesce(f.saves, 0)) * 1.0 / f.views`,
          'desc',
        )
        .orderBy('f.views', 'desc')
        .limit(order.limit);
    }
    const facts = await chosen.execute();
    if (facts.length === 0) return [];
    const ids = facts.map((fact) => fact.target_id);
    const videoIds = [...new Set(facts.map((fact) => fact.video_id))];
    const accountIds = [...new Set(facts.map((fact) => fact.account_id))];
    const [targets, videos, handles] = await Promise.all([
      this.inChunks(ids, (chunk) =>
        this.db
          .selectFrom('distribution_targets')
          .select(['id', 'url'])
          .where('id', 'in', chunk)
          .execute(),
      ),
      this.inChunks(videoIds, (chunk) =>
        this.db
          .selectFrom('distribution_videos')
          .select(['id', 'title', 'file_path'])
          .where('id', 'in', chunk)
          .execute(),
      ),
      this.handles(accountIds),
    ]);
    const urls = new Map(targets.map((t) => [t.id, t.url]));
    const titles = new Map(videos.map((v) => [v.id, v]));
    return facts.map((fact) => ({
      ...fact,
      url: urls.get(fact.target_id) ?? null,
      title: titles.get(fact.video_id)?.title ?? null,
      file_path: titles.get(fact.video_id)?.file_path ?? null,
      handle: handles.get(fact.account_id) ?? null,
    }));
  }

  /** A lookup by many ids, a few hundred at a time (SQLite's limit on parameters). */
  private async inChunks<T>(
    ids: string[],
    lookup: (chunk: string[]) => Promise<T[]>,
  ): Promise<T[]> {
    const rows: T[] = [];
    for (let i = 0; i < ids.length; i += 500) rows.push(...(await lookup(ids.slice(i, i + 500))));
    return rows;
  }

  /** Published posts with views, by local weekday and hour of publishing. */
  async publishingHours(filters: StatisticsFilters) {
    const interactions = sql<number>`coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0)`;
    const rated = sql<boolean>`views > 0 AND coalesce(likes, comments, shares, saves) IS NOT NULL`;
    return this.publishedFacts(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, filters)
      .where('f.views', 'is not', null)
      .select((eb) => [
        'f.weekday',
        'f.hour_of_day',
        eb.fn.countAll<number>().as('posts'),
        eb.fn.sum<number>('f.views').as('views'),
        eb.fn.min<number>('f.at').as('since'),
        sql<number>`coalesce(sum(CASE WHEN ${rated} THEN views END), 0)`.as('rated_views'),
        sql<number>`coalesce(sum(CASE WHEN ${rated} THEN ${interactions} END), 0)`.as(
          'rated_interactions',
        ),
      ])
      .groupBy(['f.weekday', 'f.hour_of_day'])
      .execute();
  }
}

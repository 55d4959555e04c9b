import { sql, type Kysely } from 'kysely';
import type { Grain } from '../../../shared/domain/statistics';
import type {
  Database,
  PostRollupCounters,
  RenderRollupCounters,
  StatsPostFactRow,
  StatsRenderFactRow,
  StatsStateRow,
} from '../db/schema';
import type { RawReading, RawRunVideo, RawTarget } from './facts';

/** Any executor: the database, or the transaction of the event being recorded. */
export type Executor = Kysely<Database>;

export const rollupGrains: readonly Grain[] = ['hour', 'day', 'week', 'month'];

export function bucketColumn(grain: Grain) {
  return `${grain}_bucket` as const;
}

export interface PostRollupKey {
  grain: Grain;
  bucket: number;
  platform: string;
  account_id: string;
  config_id: string;
}

export interface RenderRollupKey {
  grain: Grain;
  bucket: number;
  config_id: string;
}

export const postCounterColumns = [
  'posts',
  'succeeded',
  'failed',
  'pending',
  'settled_attempts',
  'retries',
  'views',
  'views_posts',
  'likes',
  'likes_posts',
  'comments',
  'comments_posts',
  'shares',
  'shares_posts',
  'saves',
  'saves_posts',
  'rated_views',
  'rated_interactions',
] as const satisfies ReadonlyArray<keyof PostRollupCounters>;

export const renderCounterColumns = [
  'videos',
  'rendered',
  'failed',
  'render_ms',
  'timed',
] as const satisfies ReadonlyArray<keyof RenderRollupCounters>;

/**
 * SQL of the statistics domain: the raw rows a fact is made from (read only), the facts, the
 * rollups' deltas and their state. Every method takes the executor so the recorder writes in
 * the transaction of the event it records.
 */
export class StatisticsRepository {
  constructor(readonly db: Kysely<Database>) {}

  async readState(db: Executor = this.db): Promise<StatsStateRow | null> {
    return (await db.selectFrom('stats_state').selectAll().executeTakeFirst()) ?? null;
  }

  async writeState(patch: Partial<Omit<StatsStateRow, 'id'>> & { time_zone: string }) {
    await this.db
      .insertInto('stats_state')
      .values({
        id: 1,
        built_at: null,
        rebuild_job_id: null,
        rebuild_error: null,
        ...patch,
      })
      .onConflict((oc) => oc.column('id').doUpdateSet(patch))
      .execute();
  }

  async updateState(patch: Partial<Omit<StatsStateRow, 'id'>>): Promise<void> {
    await this.db.updateTable('stats_state').set(patch).where('id', '=', 1).execute();
  }

  // Raw rows: read only.

  rawTarget(db: Executor, targetId: string): Promise<RawTarget | undefined> {
    return this.rawTargets(db).where('t.id', '=', targetId).executeTakeFirst();
  }

  /** Targets in id order after `afterId`, for the rebuild. */
  rawTargetsAfter(db: Executor, afterId: string, limit: number): Promise<RawTarget[]> {
    return this.rawTargets(db).where('t.id', '>', afterId).orderBy('t.id').limit(limit).execute();
  }

  private rawTargets(db: Executor) {
    return db
      .selectFrom('distribution_targets as t')
      .leftJoin('distribution_videos as v', 'v.id', 't.video_id')
      .select([
        't.id',
        't.video_id',
        't.platform',
        't.account_id',
        'v.config_id',
        't.state',
        't.attempts',
        't.manual_retries',
        't.created_at',
        't.updated_at',
        't.published_at',
      ]);
  }

  async latestReading(db: Executor, targetId: string): Promise<RawReading | null> {
    return (
      (await db
        .selectFrom('post_metrics')
        .select(['at', 'views', 'likes', 'comments', 'shares', 'saves'])
        .where('target_id', '=', targetId)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst()) ?? null
    );
  }

  /** The newest reading of each target given: one index seek per target. */
  async latestReadings(db: Executor, targetIds: string[]): Promise<Map<string, RawReading>> {
    const readings = new Map<string, RawReading>();
    if (targetIds.length === 0) return readings;
    const rows = await db
      .selectFrom('post_metrics as m')
      .select(['m.target_id', 'm.at', 'm.views', 'm.likes', 'm.comments', 'm.shares', 'm.saves'])
      .where(
        'm.id',
        'in',
        sql<number>`(SELECT (SELECT p.id FROM post_metrics p WHERE p.target_id = t.id ORDER BY p.at DESC, p.id DESC LIMIT 1) FROM distribution_targets t WHERE t.id IN (${sql.join(targetIds)}))`,
      )
      .execute();
    for (const { target_id, ...reading } of rows) readings.set(target_id, reading);
    return readings;
  }

  rawRunVideo(db: Executor, runVideoId: string): Promise<RawRunVideo | undefined> {
    return this.rawRunVideos(db).where('v.id', '=', runVideoId).executeTakeFirst();
  }

  rawRunVideosAfter(db: Executor, afterId: string, limit: number): Promise<RawRunVideo[]> {
    return this.rawRunVideos(db).where('v.id', '>', afterId).orderBy('v.id').limit(limit).execute();
  }

  private rawRunVideos(db: Executor) {
    return db
      .selectFrom('config_run_videos as v')
      .innerJoin('config_runs as r', 'r.id', 'v.run_id')
      .select(['v.id', 'r.config_id', 'v.state', 'v.render_ms', 'v.created_at', 'v.finished_at']);
  }

  async hasRawHistory(): Promise<boolean> {
    const target = await this.db
      .selectFrom('distribution_targets')
      .select('id')
      .limit(1)
      .executeTakeFirst();
    if (target) return true;
    const video = await this.db
      .selectFrom('config_run_videos')
      .select('id')
      .where('state', 'in', ['rendered', 'failed'])
      .limit(1)
      .executeTakeFirst();
    return video !== undefined;
  }

  async countRaw(): Promise<number> {
    const targets = await this.db
      .selectFrom('distribution_targets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const videos = await this.db
      .selectFrom('config_run_videos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(targets.n) + Number(videos.n);
  }

  // Facts.

  async postFact(db: Executor, targetId: string): Promise<StatsPostFactRow | null> {
    return (
      (await db
        .selectFrom('stats_post_facts')
        .selectAll()
        .where('target_id', '=', targetId)
        .executeTakeFirst()) ?? null
    );
  }

  async postFactsOf(db: Executor, targetIds: string[]): Promise<Map<string, StatsPostFactRow>> {
    if (targetIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('stats_post_facts')
      .selectAll()
      .where('target_id', 'in', targetIds)
      .execute();
    return new Map(rows.map((row) => [row.target_id, row]));
  }

  async writePostFact(db: Executor, fact: StatsPostFactRow): Promise<void> {
    const { target_id: _id, ...rest } = fact;
    await db
      .insertInto('stats_post_facts')
      .values(fact)
      .onConflict((oc) => oc.column('target_id').doUpdateSet(rest))
      .execute();
  }

  /** Facts whose post is gone from the raw tables, after `afterId`. */
  orphanPostFactsAfter(db: Executor, afterId: string, limit: number): Promise<StatsPostFactRow[]> {
    return db
      .selectFrom('stats_post_facts as f')
      .selectAll('f')
      .where('f.target_id', '>', afterId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('distribution_targets as t')
              .select('t.id')
              .whereRef('t.id', '=', 'f.target_id'),
          ),
        ),
      )
      .orderBy('f.target_id')
      .limit(limit)
      .execute();
  }

  async renderFact(db: Executor, runVideoId: string): Promise<StatsRenderFactRow | null> {
    return (
      (await db
        .selectFrom('stats_render_facts')
        .selectAll()
        .where('run_video_id', '=', runVideoId)
        .executeTakeFirst()) ?? null
    );
  }

  async writeRenderFact(db: Executor, fact: StatsRenderFactRow): Promise<void> {
    const { run_video_id: _id, ...rest } = fact;
    await db
      .insertInto('stats_render_facts')
      .values(fact)
      .onConflict((oc) => oc.column('run_video_id').doUpdateSet(rest))
      .execute();
  }

  async deleteRenderFact(db: Executor, runVideoId: string): Promise<void> {
    await db.deleteFrom('stats_render_facts').where('run_video_id', '=', runVideoId).execute();
  }

  orphanRenderFactsAfter(
    db: Executor,
    afterId: string,
    limit: number,
  ): Promise<StatsRenderFactRow[]> {
    return db
      .selectFrom('stats_render_facts as f')
      .selectAll('f')
      .where('f.run_video_id', '>', afterId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('config_run_videos as v')
              .select('v.id')
              .whereRef('v.id', '=', 'f.run_video_id')
              .where('v.state', 'in', ['rendered', 'failed']),
          ),
        ),
      )
      .orderBy('f.run_video_id')
      .limit(limit)
      .execute();
  }

  // Rollup deltas.

  async addToPostRollup(db: Executor, key: PostRollupKey, delta: PostRollupCounters) {
    await db
      .insertInto('stats_post_rollups')
      .values({ ...key, ...delta })
      .onConflict((oc) =>
        oc
          .columns(['grain', 'bucket', 'platform', 'account_id', 'config_id'])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              postCounterColumns.map((column) => [
                column,
                eb(`stats_post_rollups.${column}`, '+', eb.ref(`excluded.${column}`)),
              ]),
            ),
          ),
      )
      .execute();
    if (delta.posts < 0) {
      await db
        .deleteFrom('stats_post_rollups')
        .where('grain', '=', key.grain)
        .where('bucket', '=', key.bucket)
        .where('platform', '=', key.platform)
        .where('account_id', '=', key.account_id)
        .where('config_id', '=', key.config_id)
        .where('posts', '<=', 0)
        .execute();
    }
  }

  async addToRenderRollup(db: Executor, key: RenderRollupKey, delta: RenderRollupCounters) {
    await db
      .insertInto('stats_render_rollups')
      .values({ ...key, ...delta })
      .onConflict((oc) =>
        oc
          .columns(['grain', 'bucket', 'config_id'])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              renderCounterColumns.map((column) => [
                column,
                eb(`stats_render_rollups.${column}`, '+', eb.ref(`excluded.${column}`)),
              ]),
            ),
          ),
      )
      .execute();
    if (delta.videos < 0) {
      await db
        .deleteFrom('stats_render_rollups')
        .where('grain', '=', key.grain)
        .where('bucket', '=', key.bucket)
        .where('config_id', '=', key.config_id)
        .where('videos', '<=', 0)
        .execute();
    }
  }

  /**
   * Sums one grain of the rollups from the facts again, in one statement per table (run in one
   * transaction by the caller). The sums are the SQL twin of `postCounters`/`renderCounters`;
   * the rebuild test holds them to the same results.
   */
  async rebuildGrain(db: Executor, grain: Grain): Promise<void> {
    const bucket = sql.ref(bucketColumn(grain));
    const published = sql`outcome = 'succeeded'`;
    const metric = (name: string) => {
      const column = sql.ref(name);
      return [
        sql`coalesce(sum(CASE WHEN ${published} THEN ${column} END), 0)`,
        sql`count(CASE WHEN ${published} THEN ${column} END)`,
      ];
    };
    const rated = sql`${published} AND views > 0 AND coalesce(likes, comments, shares, saves) IS NOT NULL`;
    await db.deleteFrom('stats_post_rollups').where('grain', '=', grain).execute();
    await sql`
      INSERT INTO stats_post_rollups (grain, bucket, platform, account_id, config_id, ${sql.join(
        postCounterColumns.map((c) => sql.ref(c)),
      )})
      SELECT ${grain}, ${bucket}, platform, account_id, config_id,
        count(*),
        count(CASE WHEN ${published} THEN 1 END),
        count(CASE WHEN outcome = 'failed' THEN 1 END),
        count(CASE WHEN outcome = 'pending' THEN 1 END),
        coalesce(sum(CASE WHEN outcome <> 'pending' THEN attempts END), 0),
        coalesce(sum(max(attempts - 1, 0)), 0),
        ${sql.join(['views', 'likes', 'comments', 'shares', 'saves'].flatMap(metric))},
        coalesce(sum(CASE WHEN ${rated} THEN views END), 0),
        coalesce(sum(CASE WHEN ${rated} THEN coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0) END), 0)
      FROM stats_post_facts
      GROUP BY ${bucket}, platform, account_id, config_id
    `.execute(db);
    await db.deleteFrom('stats_render_rollups').where('grain', '=', grain).execute();
    await sql`
      INSERT INTO stats_render_rollups (grain, bucket, config_id, videos, rendered, failed, render_ms, timed)
      SELECT ${grain}, ${bucket}, config_id,
        count(*),
        count(CASE WHEN outcome = 'rendered' THEN 1 END),
        count(CASE WHEN outcome = 'failed' THEN 1 END),
        coalesce(sum(CASE WHEN outcome = 'rendered' THEN render_ms END), 0),
        count(CASE WHEN outcome = 'rendered' AND render_ms IS NOT NULL THEN 1 END)
      FROM stats_render_facts
      GROUP BY ${bucket}, config_id
    `.execute(db);
  }
}

import { sql, type Kysely } from 'kysely';
import type { Grain } from '../../../shared/domain/statistics';
import type { Database, StatsPostFactRow, StatsRenderFactRow, StatsStateRow } from '../db/schema';
import type { RawReading, RawRunVideo, RawTarget } from './facts';
import { postCounterColumns } from './fact-store';

/** Any executor: the database, or the transaction of the event being recorded. */
export type Executor = Kysely<Database>;

export const rollupGrains: readonly Grain[] = ['hour', 'day', 'week', 'month'];

export function bucketColumn(grain: Grain) {
  return `${grain}_bucket` as const;
}

/**
 * The key every dimension takes in a bucket's total row: unfiltered figures read one row per
 * bucket instead of one per platform, account and config.
 */
export const ALL = '*';

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

/** The rows a post counts in: its own (platform, account, config) and the bucket's total. */
export function postRollupKeys(fact: StatsPostFactRow): PostRollupKey[] {
  return rollupGrains.flatMap((grain) => {
    const bucket = fact[bucketColumn(grain)];
    return [
      {
        grain,
        bucket,
        platform: fact.platform,
        account_id: fact.account_id,
        config_id: fact.config_id,
      },
      { grain, bucket, platform: ALL, account_id: ALL, config_id: ALL },
    ];
  });
}

/** The rows a render counts in: its config's and the bucket's total. */
export function renderRollupKeys(fact: StatsRenderFactRow): RenderRollupKey[] {
  return rollupGrains.flatMap((grain) => {
    const bucket = fact[bucketColumn(grain)];
    return [
      { grain, bucket, config_id: fact.config_id },
      { grain, bucket, config_id: ALL },
    ];
  });
}

/**
 * SQL of the statistics domain beyond the recorder's own (fact-store.ts): the rollups' state,
 * the raw rows and facts the rebuild goes through chunk by chunk (read only for the raw
 * tables), and the rebuild of each grain from the facts.
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

  async postFactsOf(db: Executor, targetIds: string[]): Promise<Map<string, StatsPostFactRow>> {
    if (targetIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('stats_post_facts')
      .selectAll()
      .where('target_id', 'in', targetIds)
      .execute();
    return new Map(rows.map((row) => [row.target_id, row]));
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
    const columns = sql.join(postCounterColumns.map((c) => sql.ref(c)));
    await db.deleteFrom('stats_post_rollups').where('grain', '=', grain).execute();
    await sql`
      INSERT INTO stats_post_rollups (grain, bucket, platform, account_id, config_id, ${columns})
      SELECT ${grain}, ${bucket}, platform, account_id, config_id,
        count(*),
        count(CASE WHEN ${published} THEN 1 END),
        count(CASE WHEN outcome = 'failed' THEN 1 END),
        count(CASE WHEN outcome = 'pending' THEN 1 END),
        coalesce(sum(CASE WHEN outcome <> 'pending' THEN max(attempts, 1) END), 0),
        coalesce(sum(max(attempts - 1, 0)), 0),
        ${sql.join(['views', 'likes', 'comments', 'shares', 'saves'].flatMap(metric))},
        coalesce(sum(CASE WHEN ${rated} THEN views END), 0),
        coalesce(sum(CASE WHEN ${rated} THEN coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0) END), 0)
      FROM stats_post_facts
      GROUP BY ${bucket}, platform, account_id, config_id
    `.execute(db);
    // The bucket totals, summed from the rows just written.
    await sql`
      INSERT INTO stats_post_rollups (grain, bucket, platform, account_id, config_id, ${columns})
      SELECT grain, bucket, ${ALL}, ${ALL}, ${ALL}, ${sql.join(
        postCounterColumns.map((c) => sql`sum(${sql.ref(c)})`),
      )}
      FROM stats_post_rollups WHERE grain = ${grain}
      GROUP BY bucket
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
    await sql`
      INSERT INTO stats_render_rollups (grain, bucket, config_id, videos, rendered, failed, render_ms, timed)
      SELECT grain, bucket, ${ALL}, sum(videos), sum(rendered), sum(failed), sum(render_ms), sum(timed)
      FROM stats_render_rollups WHERE grain = ${grain}
      GROUP BY bucket
    `.execute(db);
  }
}

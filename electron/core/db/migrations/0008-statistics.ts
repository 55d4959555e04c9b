import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migration';

const grains = sql`grain IN ('hour', 'day', 'week', 'month')`;

/**
 * Statistics (docs/statistics.md): what each post and each render counts for ("facts", one row
 * per post target and per finished render, kept when retention thins the raw history), the
 * rollups summed from them per hour, day, week and month in the Settings time zone, and the
 * rollups' own state. Also the time each render took, which nothing recorded before.
 *
 * Rollups are WITHOUT ROWID tables keyed (grain, platform, bucket, ...) for posts and (grain,
 * config, bucket) for renders: a period of a bucket total ('*'), of one platform or of one config
 * is a range of the key, and every figure is in the row, so the dashboard never reads the raw
 * tables.
 */
export const migration0008Statistics: Migration = {
  version: 8,
  name: 'statistics',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration
  async up(db: Kysely<any>) {
    // Wall-clock time spent rendering a video; NULL for videos rendered before it was kept.
    await db.schema.alterTable('config_run_videos').addColumn('render_ms', 'integer').execute();

    await db.schema
      .createTable('stats_state')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      // The zone the facts and rollups are bucketed in.
      .addColumn('time_zone', 'text', (col) => col.notNull())
      .addColumn('built_at', 'integer')
      .addColumn('rebuild_job_id', 'text')
      .addColumn('rebuild_error', 'text')
      .addCheckConstraint('stats_state_single', sql`id = 1`)
      .execute();

    // Clustered by (outcome, at): the top posts and best times of a period read one range of
    // the table itself, whatever columns they need.
    await db.schema
      .createTable('stats_post_facts')
      .addColumn('target_id', 'text', (col) => col.notNull().unique())
      .addColumn('video_id', 'text', (col) => col.notNull())
      .addColumn('platform', 'text', (col) => col.notNull())
      .addColumn('account_id', 'text', (col) => col.notNull())
      // '' for a video posted by hand (no config).
      .addColumn('config_id', 'text', (col) => col.notNull())
      .addColumn('outcome', 'text', (col) => col.notNull())
      // When the post counts: published, failed, or (still pending) created.
      .addColumn('at', 'integer', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull())
      // The latest reading; NULL: not reported.
      .addColumn('views', 'integer')
      .addColumn('likes', 'integer')
      .addColumn('comments', 'integer')
      .addColumn('shares', 'integer')
      .addColumn('saves', 'integer')
      .addColumn('metrics_at', 'integer')
      .addColumn('hour_bucket', 'integer', (col) => col.notNull())
      .addColumn('day_bucket', 'integer', (col) => col.notNull())
      .addColumn('week_bucket', 'integer', (col) => col.notNull())
      .addColumn('month_bucket', 'integer', (col) => col.notNull())
      // Local weekday (0 = Monday) and hour of `at`, for the best time to post.
      .addColumn('weekday', 'integer', (col) => col.notNull())
      .addColumn('hour_of_day', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('stats_post_facts_key', ['outcome', 'at', 'target_id'])
      .addCheckConstraint(
        'stats_post_facts_outcome',
        sql`outcome IN ('succeeded', 'failed', 'pending')`,
      )
      .modifyEnd(sql`WITHOUT ROWID`)
      .execute();

    await db.schema
      .createTable('stats_render_facts')
      .addColumn('run_video_id', 'text', (col) => col.primaryKey())
      .addColumn('config_id', 'text', (col) => col.notNull())
      .addColumn('outcome', 'text', (col) => col.notNull())
      .addColumn('at', 'integer', (col) => col.notNull())
      .addColumn('render_ms', 'integer')
      .addColumn('hour_bucket', 'integer', (col) => col.notNull())
      .addColumn('day_bucket', 'integer', (col) => col.notNull())
      .addColumn('week_bucket', 'integer', (col) => col.notNull())
      .addColumn('month_bucket', 'integer', (col) => col.notNull())
      .addCheckConstraint('stats_render_facts_outcome', sql`outcome IN ('rendered', 'failed')`)
      .execute();

    await db.schema
      .createTable('stats_post_rollups')
      .addColumn('grain', 'text', (col) => col.notNull())
      .addColumn('bucket', 'integer', (col) => col.notNull())
      .addColumn('platform', 'text', (col) => col.notNull())
      .addColumn('account_id', 'text', (col) => col.notNull())
      .addColumn('config_id', 'text', (col) => col.notNull())
      // Facts summed into the row; the row goes when it reaches 0.
      .addColumn('posts', 'integer', (col) => col.notNull())
      .addColumn('succeeded', 'integer', (col) => col.notNull())
      .addColumn('failed', 'integer', (col) => col.notNull())
      .addColumn('pending', 'integer', (col) => col.notNull())
      .addColumn('settled_attempts', 'integer', (col) => col.notNull())
      .addColumn('retries', 'integer', (col) => col.notNull())
      .addColumn('views', 'integer', (col) => col.notNull())
      .addColumn('views_posts', 'integer', (col) => col.notNull())
      .addColumn('likes', 'integer', (col) => col.notNull())
      .addColumn('likes_posts', 'integer', (col) => col.notNull())
      .addColumn('comments', 'integer', (col) => col.notNull())
      .addColumn('comments_posts', 'integer', (col) => col.notNull())
      .addColumn('shares', 'integer', (col) => col.notNull())
      .addColumn('shares_posts', 'integer', (col) => col.notNull())
      .addColumn('saves', 'integer', (col) => col.notNull())
      .addColumn('saves_posts', 'integer', (col) => col.notNull())
      .addColumn('rated_views', 'integer', (col) => col.notNull())
      .addColumn('rated_interactions', 'integer', (col) => col.notNull())
      // Platform before bucket: a bucket total ('*') or one platform is one range of the key.
      .addPrimaryKeyConstraint('stats_post_rollups_key', [
        'grain',
        'platform',
        'bucket',
        'account_id',
        'config_id',
      ])
      .addCheckConstraint('stats_post_rollups_grain', grains)
      .modifyEnd(sql`WITHOUT ROWID`)
      .execute();

    await db.schema
      .createTable('stats_render_rollups')
      .addColumn('grain', 'text', (col) => col.notNull())
      .addColumn('bucket', 'integer', (col) => col.notNull())
      .addColumn('config_id', 'text', (col) => col.notNull())
      .addColumn('videos', 'integer', (col) => col.notNull())
      .addColumn('rendered', 'integer', (col) => col.notNull())
      .addColumn('failed', 'integer', (col) => col.notNull())
      .addColumn('render_ms', 'integer', (col) => col.notNull())
      .addColumn('timed', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('stats_render_rollups_key', ['grain', 'config_id', 'bucket'])
      .addCheckConstraint('stats_render_rollups_grain', grains)
      .modifyEnd(sql`WITHOUT ROWID`)
      .execute();
  },
};

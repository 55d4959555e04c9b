import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migration';

/** Videos handed to distribution, one row per (video, account) target, and metrics history. */
export const migration0006Distribution: Migration = {
  version: 6,
  name: 'distribution',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('distribution_videos')
      .addColumn('id', 'text', (col) => col.primaryKey())
      // The config run's video this came from; NULL for videos posted by hand.
      .addColumn('run_video_id', 'text', (col) => col.unique())
      .addColumn('config_id', 'text')
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('file_path', 'text', (col) => col.notNull())
      .addColumn('facts', 'text', (col) => col.notNull())
      .addColumn('created_at', 'integer', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('distribution_videos_by_time')
      .on('distribution_videos')
      .column('created_at')
      .execute();

    await db.schema
      .createTable('distribution_targets')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('video_id', 'text', (col) =>
        col.notNull().references('distribution_videos.id').onDelete('cascade'),
      )
      .addColumn('account_id', 'text', (col) => col.notNull())
      .addColumn('platform', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('settings', 'text', (col) => col.notNull())
      // The variant uploaded to this platform (X gets a smaller one); NULL: the video's file.
      .addColumn('file_path', 'text')
      // JSON VideoFacts of that variant (its own size and dimensions).
      .addColumn('facts', 'text')
      .addColumn('upload_state', 'text')
      .addColumn('phase', 'text')
      .addColumn('sent_bytes', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('total_bytes', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('tracking_id', 'text')
      .addColumn('remote_id', 'text')
      .addColumn('url', 'text')
      .addColumn('notices', 'text', (col) => col.notNull().defaultTo('[]'))
      .addColumn('error_kind', 'text')
      .addColumn('error_message', 'text')
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('manual_retries', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('waiting_until', 'integer')
      .addColumn('job_id', 'text')
      .addColumn('published_at', 'integer')
      .addColumn('metrics_at', 'integer')
      .addColumn('created_at', 'integer', (col) => col.notNull())
      .addColumn('updated_at', 'integer', (col) => col.notNull())
      // Never two remote posts for one target: one row per (video, account).
      .addUniqueConstraint('distribution_targets_once', ['video_id', 'account_id'])
      .addCheckConstraint(
        'distribution_targets_state',
        sql`state IN ('pending', 'processing', 'success', 'failed')`,
      )
      .execute();
    await db.schema
      .createIndex('distribution_targets_by_account')
      .on('distribution_targets')
      .columns(['account_id', 'state'])
      .execute();

    await db.schema
      .createTable('post_metrics')
      .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
      .addColumn('target_id', 'text', (col) =>
        col.notNull().references('distribution_targets.id').onDelete('cascade'),
      )
      .addColumn('at', 'integer', (col) => col.notNull())
      // NULL: the platform does not report this value (never stored as 0).
      .addColumn('views', 'integer')
      .addColumn('likes', 'integer')
      .addColumn('comments', 'integer')
      .addColumn('shares', 'integer')
      .addColumn('saves', 'integer')
      .execute();
    await db.schema
      .createIndex('post_metrics_by_target')
      .on('post_metrics')
      .columns(['target_id', 'at'])
      .execute();
  },
};

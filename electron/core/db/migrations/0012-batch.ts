import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migration';

/**
 * Batch jobs (docs/batch.md): a batch and its items, one item per post. An item's key with its
 * account is unique for good, so importing the same file twice creates nothing new.
 */
export const migration0012Batch: Migration = {
  version: 12,
  name: 'batch',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('batches')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('concurrency', 'integer', (col) => col.notNull())
      .addColumn('priority', 'integer', (col) => col.notNull())
      .addColumn('start_at', 'integer', (col) => col.notNull())
      .addColumn('created_at', 'integer', (col) => col.notNull())
      .addColumn('updated_at', 'integer', (col) => col.notNull())
      .addColumn('finished_at', 'integer')
      // Generate batches: JSON of the config, the text templates and whether to post.
      .addColumn('generate', 'text')
      .addCheckConstraint('batches_kind', sql`kind IN ('distribute', 'csv', 'generate')`)
      .addCheckConstraint(
        'batches_state',
        sql`state IN ('waiting', 'running', 'paused', 'cancelled', 'done')`,
      )
      .addCheckConstraint('batches_concurrency', sql`concurrency >= 1`)
      .execute();
    await db.schema.createIndex('batches_by_time').on('batches').column('created_at').execute();

    await db.schema
      .createTable('batch_items')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('batch_id', 'text', (col) =>
        col.notNull().references('batches.id').onDelete('cascade'),
      )
      .addColumn('position', 'integer', (col) => col.notNull())
      .addColumn('row_number', 'integer')
      .addColumn('row_key', 'text', (col) => col.notNull())
      .addColumn('external_id', 'text')
      // NULL for a generate item: its run's config assigns the accounts.
      .addColumn('account_id', 'text')
      .addColumn('platform', 'text')
      .addColumn('media_id', 'text')
      .addColumn('media_path', 'text')
      .addColumn('media_name', 'text', (col) => col.notNull())
      .addColumn('post', 'text', (col) => col.notNull())
      .addColumn('planned_at', 'integer')
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('message', 'text')
      .addColumn('round', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('job_id', 'text')
      .addColumn('target_id', 'text')
      // Generate items: the line of a topic list, and the run started for the item.
      .addColumn('topic', 'text')
      .addColumn('run_id', 'text')
      .addColumn('started_at', 'integer')
      .addColumn('finished_at', 'integer')
      .addColumn('created_at', 'integer', (col) => col.notNull())
      .addColumn('updated_at', 'integer', (col) => col.notNull())
      // One item per (row key, account), ever: a re-import creates nothing new.
      .addUniqueConstraint('batch_items_once', ['row_key', 'account_id'])
      .addCheckConstraint(
        'batch_items_state',
        sql`state IN ('pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled')`,
      )
      .addCheckConstraint(
        'batch_items_platform',
        sql`platform IN ('tiktok', 'youtube', 'instagram', 'facebook', 'x')`,
      )
      .execute();
    await db.schema
      .createIndex('batch_items_by_batch')
      .on('batch_items')
      .columns(['batch_id', 'state', 'position'])
      .execute();
    await db.schema
      .createIndex('batch_items_by_target')
      .on('batch_items')
      .column('target_id')
      .execute();

    // A run started under a caller's request key (a generate batch's item) exists once per key.
    await db.schema.alterTable('config_runs').addColumn('request_key', 'text').execute();
    await db.schema
      .createIndex('config_runs_by_request_key')
      .on('config_runs')
      .column('request_key')
      .unique()
      .execute();
  },
};

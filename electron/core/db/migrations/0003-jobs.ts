import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migration';

/** The durable job queue under renders, uploads, metric polls, backups and batch items. */
export const migration0003Jobs: Migration = {
  version: 3,
  name: 'jobs',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('idempotency_key', 'text', (col) => col.unique())
      .addColumn('data', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('priority', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (col) => col.notNull())
      .addColumn('not_before', 'integer', (col) => col.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', 'integer')
      .addColumn('cancel_requested', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('progress', 'real')
      .addColumn('progress_message', 'text')
      .addColumn('last_error', 'text')
      .addColumn('result', 'text')
      .addColumn('created_at', 'integer', (col) => col.notNull())
      .addColumn('updated_at', 'integer', (col) => col.notNull())
      .addColumn('finished_at', 'integer')
      .addCheckConstraint(
        'jobs_state',
        sql`state IN ('queued', 'running', 'succeeded', 'dead', 'cancelled')`,
      )
      .execute();
    await db.schema
      .createIndex('jobs_claim')
      .on('jobs')
      .columns(['state', 'kind', 'priority', 'not_before'])
      .execute();
    await db.schema.createIndex('jobs_updated').on('jobs').column('updated_at').execute();
  },
};

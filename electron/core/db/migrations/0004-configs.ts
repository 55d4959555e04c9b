import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migration';

/** Generation configs, their runs and the videos of each run. */
export const migration0004Configs: Migration = {
  version: 4,
  name: 'configs',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('configs')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('definition', 'text', (col) => col.notNull())
      .addColumn('active', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_run_at', 'integer')
      .addColumn('distribution_cursor', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('media_cursor', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('created_at', 'integer', (col) => col.notNull())
      .addColumn('updated_at', 'integer', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('configs_due')
      .on('configs')
      .columns(['active', 'next_run_at'])
      .execute();

    await db.schema
      .createTable('config_runs')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('config_id', 'text', (col) =>
        col.notNull().references('configs.id').onDelete('cascade'),
      )
      .addColumn('trigger', 'text', (col) => col.notNull())
      .addColumn('scheduled_for', 'integer')
      .addColumn('missed_count', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('snapshot', 'text', (col) => col.notNull())
      .addColumn('error', 'text')
      .addColumn('created_at', 'integer', (col) => col.notNull())
      .addColumn('finished_at', 'integer')
      // One occurrence of a schedule runs once: manual runs have no scheduled time (NULLs differ).
      .addUniqueConstraint('config_runs_occurrence', ['config_id', 'scheduled_for'])
      .addCheckConstraint('config_runs_trigger', sql`trigger IN ('schedule', 'catchUp', 'manual')`)
      .execute();
    await db.schema
      .createIndex('config_runs_by_config')
      .on('config_runs')
      .columns(['config_id', 'created_at'])
      .execute();
    await db.schema.createIndex('config_runs_by_state').on('config_runs').column('state').execute();

    await db.schema
      .createTable('config_run_videos')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('run_id', 'text', (col) =>
        col.notNull().references('config_runs.id').onDelete('cascade'),
      )
      .addColumn('position', 'integer', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('job_id', 'text')
      .addColumn('account_ids', 'text', (col) => col.notNull())
      .addColumn('media_ids', 'text', (col) => col.notNull().defaultTo('[]'))
      .addColumn('progress', 'real', (col) => col.notNull().defaultTo(0))
      .addColumn('output_path', 'text')
      .addColumn('duration_ms', 'integer')
      .addColumn('error', 'text')
      .addColumn('created_at', 'integer', (col) => col.notNull())
      .addColumn('finished_at', 'integer')
      .addUniqueConstraint('config_run_videos_position', ['run_id', 'position'])
      .execute();
  },
};

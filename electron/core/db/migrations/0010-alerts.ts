import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migration';

/**
 * Alerts (docs/alerts.md): one row per alert, at most one not resolved per cause key, kept after
 * it is resolved for the inbox's history. Also the indexes the errors log and the alert rules read
 * the raw tables with: failed posts and dead jobs by time, runs of a config by their end.
 *
 * Number 11 at the merge (7 to 10 and 12 belong to other branches in progress); on this branch it
 * is the 7th migration, since versions follow their position.
 */
export const migration0010Alerts: Migration = {
  version: 10,
  name: 'alerts',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('alerts')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('cause_key', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('severity', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('action', 'text')
      .addColumn('target_screen', 'text')
      .addColumn('target_item', 'text')
      .addColumn('count', 'integer', (col) => col.notNull().defaultTo(1))
      .addColumn('first_seen_at', 'integer', (col) => col.notNull())
      .addColumn('last_seen_at', 'integer', (col) => col.notNull())
      .addColumn('acknowledged_at', 'integer')
      .addColumn('resolved_at', 'integer')
      .addColumn('resolved_by', 'text')
      // Resolved by the person while its cause still held: 1 once the cause went away since, so
      // that the cause coming back opens a new alert.
      .addColumn('cause_cleared', 'integer', (col) => col.notNull().defaultTo(0))
      .addCheckConstraint('alerts_severity', sql`severity IN ('info', 'warning', 'error')`)
      .addCheckConstraint('alerts_state', sql`state IN ('open', 'acknowledged', 'resolved')`)
      .addCheckConstraint(
        'alerts_resolved_by',
        sql`resolved_by IS NULL OR resolved_by IN ('rule', 'person', 'source')`,
      )
      .execute();
    // One alert per cause until it is resolved: a second raise counts on the first.
    await sql`CREATE UNIQUE INDEX alerts_one_per_cause ON alerts (cause_key) WHERE state <> 'resolved'`.execute(
      db,
    );
    await db.schema
      .createIndex('alerts_by_state')
      .on('alerts')
      .columns(['state', 'last_seen_at'])
      .execute();
    await db.schema
      .createIndex('alerts_by_cause')
      .on('alerts')
      .columns(['cause_key', 'resolved_at'])
      .execute();

    // The errors log and the stuck-post rule: targets by state and time.
    await db.schema
      .createIndex('distribution_targets_by_state')
      .on('distribution_targets')
      .columns(['state', 'updated_at'])
      .execute();
    // The errors log (dead jobs by the time they gave up) and the queue's health by kind.
    await db.schema
      .createIndex('jobs_by_state_finished')
      .on('jobs')
      .columns(['state', 'finished_at'])
      .execute();
    // The run-failed rule: a config's runs by the time they ended.
    await db.schema
      .createIndex('config_runs_by_config_finished')
      .on('config_runs')
      .columns(['config_id', 'finished_at'])
      .execute();
  },
};

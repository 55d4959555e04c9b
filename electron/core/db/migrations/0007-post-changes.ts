import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migration';

/**
 * Posts the person changes after they were made (docs/distribution.md "Editing a post" and
 * "Moving a post"): the time a waiting post was moved to, and the history of every change of a
 * post's text or time (who, when, before and after).
 *
 * Columns are added rather than distribution_targets rebuilt, so columns other migrations add
 * to it are kept.
 */
export const migration0007PostChanges: Migration = {
  version: 7,
  name: 'post-changes',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration
  async up(db: Kysely<any>) {
    // Not posted before this time: set when the person moves a waiting post (NULL: as soon as
    // pacing allows).
    await db.schema.alterTable('distribution_targets').addColumn('not_before', 'integer').execute();

    await db.schema
      .createTable('distribution_target_changes')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('target_id', 'text', (col) =>
        col.notNull().references('distribution_targets.id').onDelete('cascade'),
      )
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('at', 'integer', (col) => col.notNull())
      // Where the change came from: the desktop app (ipc), a browser (http) or the engine.
      .addColumn('by', 'text', (col) => col.notNull())
      // JSON: the post's text and privacy (kind text) or its time (kind time), before and after.
      .addColumn('before', 'text', (col) => col.notNull())
      .addColumn('after', 'text', (col) => col.notNull())
      // Kind text: whether the saved upload was kept, restarted, or there was none.
      .addColumn('upload', 'text')
      .addCheckConstraint('distribution_target_changes_kind', sql`kind IN ('text', 'time')`)
      .addCheckConstraint('distribution_target_changes_by', sql`by IN ('ipc', 'http', 'internal')`)
      .execute();
    await db.schema
      .createIndex('distribution_target_changes_by_target')
      .on('distribution_target_changes')
      .columns(['target_id', 'at'])
      .execute();
  },
};

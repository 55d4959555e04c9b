import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migration';

/**
 * What keeps every post exactly once (docs/distribution.md "How a post stays exactly once"):
 * a lease token per job attempt (fencing), the target's own copy of that token and its
 * irreversible-call marker, the time an outcome became unknown, the start of the platform's
 * processing (its deadline), and pacing slots reserved when an upload starts.
 *
 * Columns are added rather than tables rebuilt: a rebuild of distribution_targets (to widen its
 * state CHECK for "verifying") would drop columns other branches add. A target that is being
 * verified keeps the state `processing` with `verify_since` set; the DTO shows it as
 * `verifying`.
 */
export const migration0009ExactlyOnce: Migration = {
  version: 9,
  name: 'exactly-once',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration
  async up(db: Kysely<any>) {
    // The token of the attempt holding the lease; every write of a running job names it.
    await db.schema.alterTable('jobs').addColumn('lease_token', 'text').execute();

    // The lease token of the upload attempt working on the target: its writes are fenced by it.
    await db.schema.alterTable('distribution_targets').addColumn('lease_token', 'text').execute();
    // Set (durably) right before an irreversible call, cleared once its outcome is known.
    await db.schema
      .alterTable('distribution_targets')
      .addColumn('irreversible_at', 'integer')
      .execute();
    // Since when the engine looks for a post whose creation may or may not have happened.
    await db.schema
      .alterTable('distribution_targets')
      .addColumn('verify_since', 'integer')
      .execute();
    // Since when the platform has been processing the video (its deadline counts from here).
    await db.schema
      .alterTable('distribution_targets')
      .addColumn('processing_since', 'integer')
      .execute();

    // A pacing slot is reserved when an upload starts and becomes the post once published.
    await db.schema
      .alterTable('account_posts')
      .addColumn('state', 'text', (col) =>
        col
          .notNull()
          .defaultTo('posted')
          .check(sql`state IN ('reserved', 'posted')`),
      )
      .execute();
    // Who holds the reservation (the target); NULL for posts recorded without one.
    await db.schema.alterTable('account_posts').addColumn('reservation_key', 'text').execute();
    await db.schema
      .createIndex('account_posts_reservation')
      .on('account_posts')
      .column('reservation_key')
      .unique()
      .execute();
  },
};

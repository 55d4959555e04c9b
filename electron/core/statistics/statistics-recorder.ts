import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * What runs and distribution tell statistics as things happen: "this row changed", inside the
 * transaction that changed it, so the rollups and the event's own row are written together
 * (a crash cannot leave them apart). Statistics reads what it needs from the rows itself.
 */
export interface StatisticsRecorder {
  /** A post target was created or changed, or got a metrics reading. */
  postChanged(trx: Kysely<Database>, targetId: string): Promise<void>;
  /** A run's video changed (rendered, failed). */
  renderChanged(trx: Kysely<Database>, runVideoId: string): Promise<void>;
}

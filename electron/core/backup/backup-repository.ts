import { sql, type Kysely } from 'kysely';
import type { BackupCounts } from '../../../shared/domain/backup';
import { KeyValueRows } from '../db/key-value';
import type { Database } from '../db/schema';

/** The backup domain's remembered values (settings, the schedule's progress) by key, as JSON. */
export class BackupRepository {
  private readonly values: KeyValueRows;

  constructor(private readonly db: Kysely<Database>) {
    this.values = new KeyValueRows(db, 'backup_state');
  }

  read(key: string): Promise<unknown> {
    return this.values.read(key);
  }

  write(key: string, value: unknown, now: number): Promise<void> {
    return this.values.write(key, value, now);
  }

  /** What the live database holds, for the restore confirmation (a read model of other domains). */
  async counts(): Promise<BackupCounts> {
    const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
      Number((await query.execute(this.db)).rows[0]?.n ?? 0);
    return {
      accounts: await count(sql<{ n: number }>`SELECT count(*) AS n FROM accounts`),
      configs: await count(sql<{ n: number }>`SELECT count(*) AS n FROM configs`),
      posts: await count(
        sql<{ n: number }>`SELECT count(*) AS n FROM distribution_targets WHERE state = 'success'`,
      ),
      metrics: await count(sql<{ n: number }>`SELECT count(*) AS n FROM post_metrics`),
      mediaItems: await count(sql<{ n: number }>`SELECT count(*) AS n FROM media_items`),
    };
  }
}

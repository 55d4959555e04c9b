import { sql, type Kysely } from 'kysely';
import type { BackupCounts } from '../../../shared/domain/backup';
import type { Database } from '../db/schema';

/** The backup domain's remembered values (settings, the schedule's progress) by key, as JSON. */
export class BackupRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async read(key: string): Promise<unknown> {
    const row = await this.db
      .selectFrom('backup_state')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) return undefined;
    try {
      return JSON.parse(row.value) as unknown;
    } catch {
      return undefined;
    }
  }

  async write(key: string, value: unknown, now: number): Promise<void> {
    const text = JSON.stringify(value);
    await this.db
      .insertInto('backup_state')
      .values({ key, value: text, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now }))
      .execute();
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

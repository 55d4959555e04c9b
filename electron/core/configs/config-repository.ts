import { sql, type Kysely } from 'kysely';
import type { ConfigRow, ConfigRunRow, Database } from '../db/schema';

/**
 * SQL for config definitions (the `configs` table); the service decides what the rows mean.
 * Runs keep their own bookkeeping on the config row (next run, cursors) in `runs/`.
 */
export class ConfigRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<ConfigRow[]> {
    return this.db.selectFrom('configs').selectAll().orderBy('name').orderBy('id').execute();
  }

  async get(id: string): Promise<ConfigRow | null> {
    return (
      (await this.db.selectFrom('configs').selectAll().where('id', '=', id).executeTakeFirst()) ??
      null
    );
  }

  async insert(row: {
    id: string;
    name: string;
    definition: string;
    active: boolean;
    nextRunAt: number | null;
    now: number;
  }): Promise<void> {
    await this.db
      .insertInto('configs')
      .values({
        id: row.id,
        name: row.name,
        definition: row.definition,
        active: row.active ? 1 : 0,
        next_run_at: row.nextRunAt,
        created_at: row.now,
        updated_at: row.now,
      })
      .execute();
  }

  async update(
    id: string,
    patch: { name?: string; definition?: string; active?: boolean; nextRunAt?: number | null },
    now: number,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('configs')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.definition !== undefined ? { definition: patch.definition } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
        ...(patch.nextRunAt !== undefined ? { next_run_at: patch.nextRunAt } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('configs').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** The latest run of each config, for the "last run" the list shows (runs write the table). */
  async lastRuns(): Promise<Map<string, ConfigRunRow>> {
    const rows = await this.db
      .selectFrom('config_runs as r')
      .selectAll('r')
      .where(({ eb, selectFrom }) =>
        eb(
          'r.id',
          '=',
          selectFrom('config_runs as l')
            .select('l.id')
            .whereRef('l.config_id', '=', 'r.config_id')
            .orderBy('l.created_at', 'desc')
            .orderBy(sql`l.rowid`, 'desc')
            .limit(1),
        ),
      )
      .execute();
    return new Map(rows.map((row) => [row.config_id, row]));
  }
}

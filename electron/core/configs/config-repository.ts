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

  /**
   * Runs `write` unless another config (not `exceptId`) has the same name, ignoring case and
   * surrounding spaces, in one transaction so two saves cannot both take a name. Returns the
   * other config's name when it refused.
   */
  async withNameFree(
    name: string,
    exceptId: string | null,
    write: (trx: ConfigRepository) => Promise<void>,
  ): Promise<string | null> {
    const key = (value: string) => value.trim().toLocaleLowerCase();
    return this.db.transaction().execute(async (trx) => {
      const names = await trx.selectFrom('configs').select(['id', 'name']).execute();
      const taken = names.find((other) => other.id !== exceptId && key(other.name) === key(name));
      if (taken) return taken.name;
      await write(new ConfigRepository(trx));
      return null;
    });
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

  /**
   * The posts of each run (the distribution targets of its videos), with the account of each:
   * a read model over distribution's tables, which runs never write.
   */
  runTargets(runIds: readonly string[]) {
    if (runIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('distribution_targets as t')
      .innerJoin('distribution_videos as dv', 'dv.id', 't.video_id')
      .innerJoin('config_run_videos as v', 'v.id', 'dv.run_video_id')
      .leftJoin('accounts as a', 'a.id', 't.account_id')
      .select(['v.run_id', 't.state', 't.platform', 't.error_message', 'a.handle'])
      .where('v.run_id', 'in', [...runIds])
      .orderBy('t.created_at')
      .execute();
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

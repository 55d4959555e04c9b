import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Raw key/value access; the service decides what the values mean. */
export class SettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async readAll(): Promise<Map<string, unknown>> {
    const rows = await this.db.selectFrom('settings').select(['key', 'value']).execute();
    const values = new Map<string, unknown>();
    for (const row of rows) {
      try {
        values.set(row.key, JSON.parse(row.value) as unknown);
      } catch {
        // A value that is not JSON is treated as absent; the service falls back to the default.
      }
    }
    return values;
  }

  async writeMany(entries: ReadonlyArray<readonly [string, unknown]>, now: number): Promise<void> {
    if (entries.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const [key, value] of entries) {
        await trx
          .insertInto('settings')
          .values({ key, value: JSON.stringify(value), updated_at: now })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }),
          )
          .execute();
      }
    });
  }
}

import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** The tables of the shape `key, value (JSON text), updated_at` that hold a domain's odd values. */
export type KeyValueTableName = 'storage_state' | 'backup_state';

/**
 * What a domain remembers besides its rows, by key, as JSON. A value that no longer parses reads
 * as absent (the caller falls back to its default).
 */
export class KeyValueRows {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly table: KeyValueTableName,
  ) {}

  async read(key: string): Promise<unknown> {
    const result = await sql<{ value: string }>`
      SELECT value FROM ${sql.table(this.table)} WHERE key = ${key}`.execute(this.db);
    const text = result.rows[0]?.value;
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  async write(key: string, value: unknown, now: number): Promise<void> {
    await sql`
      INSERT INTO ${sql.table(this.table)} (key, value, updated_at)
      VALUES (${key}, ${JSON.stringify(value)}, ${now})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`.execute(
      this.db,
    );
  }

  async remove(key: string): Promise<void> {
    await sql`DELETE FROM ${sql.table(this.table)} WHERE key = ${key}`.execute(this.db);
  }
}

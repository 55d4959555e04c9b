import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/schema';
import type { Logger } from '../ports';

/**
 * One JSON value under its own key of the settings table, for state that is not one of the
 * person's settings (pause, notification choices, API token hashes). A stored value that no
 * longer validates reads as absent, so the owner falls back to its default.
 */
export class KeyedSetting<T> {
  constructor(
    private readonly db: Kysely<Database>,
    readonly key: string,
    private readonly schema: z.ZodType<T>,
    private readonly logger: Logger,
  ) {}

  async read(): Promise<T | null> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', this.key)
      .executeTakeFirst();
    if (!row) return null;
    let raw: unknown;
    try {
      raw = JSON.parse(row.value);
    } catch {
      this.logger.warn('stored value is not JSON; using the default', { key: this.key });
      return null;
    }
    const parsed = this.schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.logger.warn('stored value is invalid; using the default', { key: this.key });
    return null;
  }

  async write(value: T, now: number): Promise<void> {
    const text = JSON.stringify(value);
    await this.db
      .insertInto('settings')
      .values({ key: this.key, value: text, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now }))
      .execute();
  }
}

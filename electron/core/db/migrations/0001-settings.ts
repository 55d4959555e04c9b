import type { Kysely } from 'kysely';
import type { Migration } from '../migration';

export const migration0001Settings: Migration = {
  version: 1,
  name: 'settings',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('value', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'integer', (col) => col.notNull())
      .execute();
  },
};

import type { Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as the app sees it today. Migrations never import this: they are frozen and
 * written against `Kysely<any>`, while these types follow the latest schema.
 */
export interface SettingsTable {
  key: string;
  /** JSON text of the value. */
  value: string;
  updated_at: number;
}

export interface Database {
  settings: SettingsTable;
}

export type SettingRow = Selectable<SettingsTable>;
export type NewSettingRow = Insertable<SettingsTable>;
export type SettingUpdate = Updateable<SettingsTable>;

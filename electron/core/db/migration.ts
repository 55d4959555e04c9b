import type { Kysely } from 'kysely';

/**
 * One schema step. Migrations are frozen once released: they take `Kysely<any>` so that later
 * changes to the app's table types can never change what an old migration does.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migrations see no app types
  up(db: Kysely<any>): Promise<void>;
}

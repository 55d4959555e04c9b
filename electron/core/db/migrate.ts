import { sql, type Kysely } from 'kysely';
import { AppError } from '../errors';
import type { Logger } from '../ports';
import type { Migration } from './migration';

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the runner predates every schema
type AnyDb = Kysely<any>;

async function readVersion(db: AnyDb): Promise<number> {
  const result = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return result.rows[0]?.user_version ?? 0;
}

/**
 * Brings the database up to the newest migration. The schema version is SQLite's
 * `user_version`, written in the same transaction as each step, so a crash leaves the database
 * at the last complete step.
 */
export async function migrateToLatest(
  db: AnyDb,
  migrations: readonly Migration[],
  logger?: Logger,
): Promise<MigrationReport> {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration ${migration.name} has version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
  const latest = migrations.length;
  const from = await readVersion(db);
  if (from > latest) {
    throw new AppError(
      'UNAVAILABLE',
      `This database was written by a newer ReelPilot (schema ${from}; this app knows up to ${latest}). ` +
        'Install the newer version of ReelPilot to open it. Nothing has been changed.',
      { databaseVersion: from, appVersion: latest },
    );
  }
  const applied: string[] = [];
  for (const migration of migrations.slice(from)) {
    await db.transaction().execute(async (trx) => {
      await migration.up(trx);
      await sql.raw(`PRAGMA user_version = ${migration.version}`).execute(trx);
    });
    applied.push(migration.name);
    logger?.info('migration applied', { version: migration.version, name: migration.name });
  }
  return { from, to: latest, applied };
}

export { readVersion as readSchemaVersion };

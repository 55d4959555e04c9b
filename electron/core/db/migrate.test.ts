import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './connection';
import { migrateToLatest, readSchemaVersion } from './migrate';
import type { Migration } from './migration';
import { migrations } from './migrations';

let handle: DatabaseHandle | null = null;
afterEach(async () => {
  await handle?.close();
  handle = null;
});

describe('migration runner', () => {
  it('brings an empty database to the latest schema, once', async () => {
    handle = openDatabase({ file: ':memory:' });
    const first = await migrateToLatest(handle.db, migrations);
    expect(first).toMatchObject({ from: 0, to: migrations.length });
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    const again = await migrateToLatest(handle.db, migrations);
    expect(again.applied).toEqual([]);
    expect(await readSchemaVersion(handle.db)).toBe(migrations.length);
    const tables = await sql<{
      name: string;
    }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(handle.db);
    expect(tables.rows.map((r) => r.name)).toContain('settings');
  });

  it('refuses a database written by a newer app and leaves it untouched', async () => {
    handle = openDatabase({ file: ':memory:' });
    await migrateToLatest(handle.db, migrations);
    handle.raw.pragma(`user_version = ${migrations.length + 3}`);
    await expect(migrateToLatest(handle.db, migrations)).rejects.toThrow(/newer ReelPilot/);
    expect(handle.raw.pragma('user_version', { simple: true })).toBe(migrations.length + 3);
  });

  it('rolls back a failing step and keeps the version of the last complete one', async () => {
    handle = openDatabase({ file: ':memory:' });
    const broken: Migration = {
      version: migrations.length + 1,
      name: 'broken',
      async up(db) {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
        throw new Error('boom');
      },
    };
    await expect(migrateToLatest(handle.db, [...migrations, broken])).rejects.toThrow('boom');
    expect(await readSchemaVersion(handle.db)).toBe(migrations.length);
    const tables = await sql<{
      name: string;
    }>`SELECT name FROM sqlite_master WHERE name = 'half_done'`.execute(handle.db);
    expect(tables.rows).toEqual([]);
  });

  it('insists that versions follow their position', async () => {
    handle = openDatabase({ file: ':memory:' });
    const misnumbered = migrations.map((m, i) => ({ ...m, version: i + 2 }));
    await expect(migrateToLatest(handle.db, misnumbered)).rejects.toThrow(/expected 1/);
  });

  it('opens the database with WAL, foreign keys and a busy timeout', () => {
    handle = openDatabase({ file: ':memory:' });
    expect(handle.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.raw.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('says clearly when the file is not a database', async () => {
    const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'rp-db-')), 'broken.db');
    writeFileSync(
      file,
      'this is not sqlite, just text that is long enough to have a header'.repeat(20),
    );
    expect(() => openDatabase({ file })).toThrow(/could not be opened.*nothing has been changed/);
    expect(readFileSync(file, 'utf8')).toContain('this is not sqlite');
  });
});

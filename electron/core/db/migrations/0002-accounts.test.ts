import { Kysely, SqliteDialect } from 'kysely';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/file-logger';
import { migrateToLatest } from '../migrate';
import { migration0001Settings } from './0001-settings';
import { migration0002Accounts } from './0002-accounts';

describe('migration 0002 accounts', () => {
  it('adds the accounts tables on top of 0001 and keeps settings', async () => {
    const raw = new Database(':memory:');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration test sees no app types
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
    await migrateToLatest(db, [migration0001Settings], silentLogger);
    raw
      .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('theme', '\"dark\"', 1)")
      .run();
    await migrateToLatest(db, [migration0001Settings, migration0002Accounts], silentLogger);
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    const tables = raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'account_errors',
        'account_posts',
        'accounts',
        'accounts_config',
        'platform_apps',
        'settings',
      ]),
    );
    const columns = raw.prepare('PRAGMA table_info(accounts)').all() as Array<{ name: string }>;
    expect(columns.map((c) => c.name)).not.toEqual(expect.arrayContaining(['access_token']));
    expect(columns.some((c) => /token/.test(c.name))).toBe(false);
    const insert = raw.prepare(
      "INSERT INTO accounts (id, platform, remote_id, handle, display_name, status, connected_at, updated_at) VALUES (?, 'x', ?, 'h', 'H', 'active', 1, 1)",
    );
    insert.run('a', 'r1');
    expect(() => insert.run('b', 'r1')).toThrow(/UNIQUE/);
    expect(raw.prepare('SELECT value FROM settings').get()).toEqual({ value: '"dark"' });
    await db.destroy();
  });
});

import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './connection';

let handle: DatabaseHandle | null = null;
afterEach(async () => {
  await handle?.close();
  handle = null;
});

describe('database connection', () => {
  it('keeps the real error when SQLite has already rolled the transaction back', async () => {
    handle = openDatabase({ file: ':memory:' });
    const { db, raw } = handle;
    raw.exec('CREATE TABLE notes (body TEXT)');
    const attempt = db.transaction().execute(async (trx) => {
      await sql`INSERT INTO notes (body) VALUES ('half')`.execute(trx);
      // As SQLite does on its own when a commit fails for a full disk.
      raw.exec('ROLLBACK');
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    await expect(attempt).rejects.toThrow('database or disk is full');
    expect(raw.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 0 });
    // And a transaction still open is rolled back as before.
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`INSERT INTO notes (body) VALUES ('kept out')`.execute(trx);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(raw.inTransaction).toBe(false);
    expect(raw.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 0 });
  });
});

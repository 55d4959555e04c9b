import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/test-database';
import { immediateTransaction } from './immediate-transaction';
import type { Database } from './schema';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const synchronous = async (db: Kysely<Database>) =>
  (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db)).rows[0]?.synchronous;

describe('an immediate transaction', () => {
  it('commits a durable one with synchronous=FULL and goes back to NORMAL after', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-durable-'));
    const handle = await openTestDatabase(path.join(dir, 'db.sqlite'));
    try {
      const inside = await immediateTransaction(
        handle.db,
        async (trx) => {
          await trx
            .insertInto('settings')
            .values({ key: 'marker', value: '1', updated_at: 1 })
            .execute();
          return synchronous(trx);
        },
        { durable: true },
      );
      // 2 is FULL: the write-ahead log is synced at this commit.
      expect(inside).toBe(2);
      expect(await synchronous(handle.db)).toBe(1);
      await expect(
        immediateTransaction(handle.db, async (trx) => {
          await trx
            .insertInto('settings')
            .values({ key: 'lost', value: '1', updated_at: 1 })
            .execute();
          throw new Error('the ownership check failed');
        }),
      ).rejects.toThrow('ownership');
      const keys = await handle.db.selectFrom('settings').select('key').execute();
      expect(keys.map((k) => k.key)).toEqual(['marker']);
    } finally {
      await handle.close();
    }
  });
});

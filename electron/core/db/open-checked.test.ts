import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
  closeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestEngine } from '../testing/test-engine';
import { migrations } from './migrations';
import { openCheckedDatabase } from './open-checked';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function dataFolder(): { dir: string; db: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rp-open-'));
  folders.push(dir);
  return { dir, db: path.join(dir, 'reelpilot.db') };
}

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const sidecarsOf = (file: string) => [`${file}-wal`, `${file}-shm`].filter((f) => existsSync(f));

/** A database of the app's schema holding a table of several pages, closed cleanly. */
async function savedDatabase(dir: string): Promise<void> {
  const t = await createTestEngine({ dataDir: dir });
  t.engine.database.raw.exec(
    'CREATE TABLE notes (id INTEGER PRIMARY KEY, body BLOB); ' +
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) ' +
      'INSERT INTO notes (body) SELECT randomblob(600) FROM n;',
  );
  await t.dispose();
}

/** Writes garbage over one page of a table's b-tree, as a failing disk or a bad copy would. */
function damagePageOf(file: string, table: string): void {
  const raw = new BetterSqlite3(file, { readonly: true });
  const { rootpage } = raw
    .prepare('SELECT rootpage FROM sqlite_master WHERE name = ?')
    .get(table) as { rootpage: number };
  const pageSize = Number(raw.pragma('page_size', { simple: true }));
  raw.close();
  const fd = openSync(file, 'r+');
  const garbage = Buffer.alloc(pageSize, 0);
  for (let i = 0; i < pageSize; i += 1) garbage[i] = (i * 131 + 7) & 0xff;
  writeSync(fd, garbage, 0, pageSize, (rootpage - 1) * pageSize);
  closeSync(fd);
  for (const sidecar of sidecarsOf(file)) rmSync(sidecar);
}

describe('opening the database', () => {
  it('refuses a database newer than the app without changing a byte or leaving files', async () => {
    const { dir, db } = dataFolder();
    // Written in rollback-journal mode, as a copy or a future version may leave it.
    const newer = new BetterSqlite3(db);
    newer.exec('CREATE TABLE future (id INTEGER)');
    newer.pragma(`user_version = ${migrations.length + 3}`);
    newer.close();
    const before = hash(db);

    await expect(createTestEngine({ dataDir: dir })).rejects.toThrow(
      /newer ReelPilot \(schema \d+; this app knows up to \d+\).*Nothing has been changed/,
    );
    expect(hash(db)).toBe(before);
    expect(sidecarsOf(db)).toEqual([]);
  });

  it('refuses a damaged database with the way out, and changes nothing', async () => {
    const { dir, db } = dataFolder();
    await savedDatabase(dir);
    damagePageOf(db, 'notes');
    const before = hash(db);

    const refusal = createTestEngine({ dataDir: dir });
    await expect(refusal).rejects.toThrow(/is damaged: SQLite's integrity check found/);
    await expect(refusal).rejects.toThrow(
      /Restore a backup \(Settings → Storage & backup\), or move the file aside/,
    );
    expect(hash(db)).toBe(before);
    expect(sidecarsOf(db)).toEqual([]);
  });

  it('checks a large file on a worker thread, with the same verdicts', async () => {
    const { dir, db } = dataFolder();
    await savedDatabase(dir);
    const healthy = await openCheckedDatabase({
      file: db,
      latestVersion: migrations.length,
      checkInWorkerAboveBytes: 0,
    });
    await healthy.close();
    for (const sidecar of sidecarsOf(db)) rmSync(sidecar);
    damagePageOf(db, 'notes');
    await expect(
      openCheckedDatabase({
        file: db,
        latestVersion: migrations.length,
        checkInWorkerAboveBytes: 0,
      }),
    ).rejects.toThrow(/is damaged/);
    expect(sidecarsOf(db)).toEqual([]);
  });

  it('says clearly when the file is not a database, and leaves it as it was', async () => {
    const { dir, db } = dataFolder();
    const text = 'notes from another program, long enough to have a header. '.repeat(40);
    const fd = openSync(db, 'w');
    writeSync(fd, text);
    closeSync(fd);
    await expect(createTestEngine({ dataDir: dir })).rejects.toThrow(
      /could not be opened \(file is not a database\)\. Nothing has been changed\. Restore a backup/,
    );
    expect(readFileSync(db, 'utf8')).toBe(text);
    expect(sidecarsOf(db)).toEqual([]);
  });

  it('opens a healthy database and keeps what it held', async () => {
    const { dir } = dataFolder();
    await savedDatabase(dir);
    const t = await createTestEngine({ dataDir: dir });
    const count = t.engine.database.raw.prepare('SELECT count(*) AS n FROM notes').get() as {
      n: number;
    };
    expect(count.n).toBe(400);
    expect(t.engine.database.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    await t.dispose();
  });
});

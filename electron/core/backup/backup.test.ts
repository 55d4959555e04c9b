import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackupStatus, RestorePreview, RestoreResult } from '../../../shared/domain/backup';
import { invokeOk } from '../accounts/testing/accounts-test-kit';
import { migrateToLatest } from '../db/migrate';
import { migrations } from '../db/migrations';
import { openDatabase } from '../db/connection';
import { FOLDER_MIME } from '../../../emulators/drive/drive-emulator-state';
import { createDriveWorld, type DriveWorld } from '../storage/testing/drive-world';
import { inspectArchive } from './sqlite-worker';
import { backUpNow, listBackups } from './testing/backup-steps';
import { dumpWork, seedWork } from './testing/seed-work';

let world: DriveWorld;
afterEach(async () => {
  await world?.dispose();
});

const day = 86_400_000;
const raw = () => world.t.engine.database.raw;
const list = () => listBackups(world);
const backUp = () => backUpNow(world);

async function restoreFailure(source: unknown): Promise<string> {
  const result = await world.t.engine.invoke('backup:restore', { source });
  if (result.ok) throw new Error('the restore was expected to be refused');
  return result.error.message;
}

describe('backups', () => {
  it('takes a consistent snapshot while the engine writes, and it passes integrity_check', async () => {
    world = await createDriveWorld();
    seedWork(raw(), { accounts: 5, configs: 3, videos: 4000, metricsPerPost: 2 });
    raw().exec('CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL)');
    const move = raw().transaction((amount: number) => {
      raw().prepare('INSERT INTO ledger (amount) VALUES (?)').run(amount);
      raw().prepare('INSERT INTO ledger (amount) VALUES (?)').run(-amount);
    });
    let writes = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        move(writes + 1);
        writes += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const backupId = await backUp();
    const during = writes;
    writing = false;
    await writer;
    expect(during).toBeGreaterThan(10);
    const entry = (await list()).backups.find((b) => b.id === backupId)!;
    expect(entry).toMatchObject({
      trigger: 'manual',
      appVersion: '0.0.0-test',
      schemaVersion: migrations.length,
    });
    expect(entry.counts).toMatchObject({ accounts: 5, configs: 3, posts: 20_000, metrics: 40_000 });

    const archive = path.join(world.dataDir, 'backups', entry.local!.fileName);
    const copy = path.join(world.dir, 'check.db');
    const inspected = await inspectArchive({ archive, tempDb: copy });
    expect(inspected.integrity).toEqual([]);
    expect(inspected.archiveSha256).toBe(entry.sha256);
    const snapshot = new Database(copy, { readonly: true });
    const ledger = snapshot
      .prepare('SELECT count(*) AS n, coalesce(sum(amount), 0) AS total FROM ledger')
      .get() as {
      n: number;
      total: number;
    };
    snapshot.close();
    // Every transfer is in the copy whole, or not at all.
    expect(ledger.total).toBe(0);
    expect(ledger.n % 2).toBe(0);
    // A plain gzip of a SQLite file: the person's own tools open it too.
    expect(execFileSync('gzip', ['-t', archive]).length).toBe(0);
  });

  it('restores round trip: accounts, configs, posts and metrics identical, and the restore can be undone', async () => {
    world = await createDriveWorld();
    seedWork(raw(), { accounts: 4, configs: 2, videos: 30, metricsPerPost: 3 });
    const before = dumpWork(raw());
    const backupId = await backUp();
    raw().exec(
      "DELETE FROM post_metrics; DELETE FROM accounts; UPDATE configs SET name = 'changed'",
    );
    const changed = dumpWork(raw());

    const preview = await invokeOk<RestorePreview>(world.t, 'backup:inspect', {
      source: { from: 'local', backupId },
    });
    expect(preview).toMatchObject({
      counts: { accounts: 4, configs: 2, posts: 120, metrics: 360 },
      current: { accounts: 0, configs: 2, posts: 120, metrics: 0 },
      restoreBlocker: null,
    });
    const result = await invokeOk<RestoreResult>(world.t, 'backup:restore', {
      source: { from: 'local', backupId },
    });
    expect(result.state).toBe('restarting');
    world.clock.advance(1000);
    expect(world.restartRequested).toBe('restore');
    await world.restart();
    expect(dumpWork(raw())).toEqual(before);

    const status = await invokeOk<BackupStatus>(world.t, 'backup:status', {});
    expect(status.lastRestore).toMatchObject({
      backupId,
      counts: { accounts: 4, configs: 2, posts: 120 },
    });
    expect(world.t.notifications.map((n) => n.title)).toContain('Backup restored');
    // The database the restore replaced was backed up first: restoring it undoes the restore.
    const undoId = status.lastRestore!.undoBackupId!;
    const undo = (await list()).backups.find((b) => b.id === undoId);
    expect(undo?.trigger).toBe('before-restore');
    await invokeOk(world.t, 'backup:restore', { source: { from: 'local', backupId: undoId } });
    world.clock.advance(1000);
    await world.restart();
    expect(dumpWork(raw())).toEqual(changed);
  });

  it('refuses a damaged, a truncated and a newer backup, and leaves the database untouched', async () => {
    world = await createDriveWorld();
    seedWork(raw(), { accounts: 2, configs: 1, videos: 200, metricsPerPost: 1 });
    const backupId = await backUp();
    const entry = (await list()).backups.find((b) => b.id === backupId)!;
    const archive = path.join(world.dataDir, 'backups', entry.local!.fileName);
    const original = readFileSync(archive);
    const before = dumpWork(raw());
    const untouched = () => {
      expect(dumpWork(raw())).toEqual(before);
      expect(existsSync(path.join(world.dataDir, 'backups', 'restore', 'pending.json'))).toBe(
        false,
      );
      expect(world.restartRequested).toBeNull();
    };

    const damaged = Buffer.from(original);
    damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
    writeFileSync(archive, damaged);
    expect(await restoreFailure({ from: 'local', backupId })).toMatch(/damaged/);
    untouched();

    writeFileSync(archive, original);
    truncateSync(archive, Math.floor(original.length / 2));
    expect(await restoreFailure({ from: 'local', backupId })).toMatch(/damaged|incomplete/);
    untouched();

    // A database from a newer app, as a file the person picked.
    const newer = path.join(world.dir, 'newer.db');
    const handle = openDatabase({ file: newer });
    await migrateToLatest(handle.db, migrations);
    handle.raw.pragma(`user_version = ${migrations.length + 3}`);
    await handle.close();
    const newerArchive = path.join(world.dir, 'newer.db.gz');
    writeFileSync(newerArchive, gzipSync(readFileSync(newer)));
    const preview = await invokeOk<RestorePreview>(world.t, 'backup:inspect', {
      source: { from: 'file', path: newerArchive },
    });
    expect(preview.restoreBlocker).toMatch(/newer ReelPilot/);
    expect(await restoreFailure({ from: 'file', path: newerArchive })).toMatch(
      /made by a newer ReelPilot .* Update ReelPilot to restore it\. Nothing was changed\./,
    );
    untouched();

    expect(
      await restoreFailure({ from: 'file', path: path.join(world.dir, 'missing.db.gz') }),
    ).toMatch(/There is no file/);
    writeFileSync(path.join(world.dir, 'notes.txt'), 'not a backup');
    expect(await restoreFailure({ from: 'file', path: path.join(world.dir, 'notes.txt') })).toMatch(
      /neither a ReelPilot backup/,
    );
    untouched();
  });

  it('keeps exactly the promised set, here and on Drive', async () => {
    world = await createDriveWorld();
    await world.connect();
    await invokeOk(world.t, 'backup:updateSettings', {
      keepDaily: 3,
      keepWeekly: 0,
      keepMonthly: 0,
      scheduleEnabled: false,
    });
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      made.push(await backUp());
      await vi.waitFor(
        async () => {
          await world.tick(1000);
          const mine = (await list()).backups.find((b) => b.id === made.at(-1));
          expect(mine?.drive).not.toBeNull();
        },
        { timeout: 20_000, interval: 20 },
      );
      world.clock.advance(day);
    }
    await backUp();
    const kept = (await list()).backups;
    // The newest of the last three days, here and on Drive; nothing else anywhere.
    const expected = made.slice(3).concat(kept[0]!.id);
    await vi.waitFor(
      async () => {
        await world.tick(1000);
        const now = (await list()).backups;
        expect(now.map((b) => b.id).sort()).toEqual(expected.slice(-3).sort());
        expect(now.filter((b) => b.drive).length).toBeGreaterThanOrEqual(2);
      },
      { timeout: 20_000, interval: 20 },
    );
    const onDrive = [...world.drive.state.files.values()].filter(
      (f) => f.mimeType !== FOLDER_MIME && f.appProperties.reelpilotKind === 'backup',
    );
    expect(onDrive.every((f) => expected.slice(-3).includes(f.appProperties.backupId ?? ''))).toBe(
      true,
    );
    expect(
      readdirSync(path.join(world.dataDir, 'backups')).filter((n) => n.endsWith('.db.gz')),
    ).toHaveLength(3);
  });

  it('restores from Drive after the local copies are gone, verifying the checksum', async () => {
    world = await createDriveWorld();
    await world.connect();
    seedWork(raw(), { accounts: 3, configs: 1, videos: 20, metricsPerPost: 2 });
    const before = dumpWork(raw());
    const backupId = await backUp();
    await vi.waitFor(
      async () => {
        await world.tick(1000);
        expect((await list()).backups.find((b) => b.id === backupId)?.drive).not.toBeNull();
      },
      { timeout: 20_000, interval: 20 },
    );
    const fileId = (await list()).backups.find((b) => b.id === backupId)!.drive!.fileId;
    raw().exec('DELETE FROM accounts');
    execFileSync('rm', ['-rf', path.join(world.dataDir, 'backups')]);
    world.drive.state.dropNextDownloadAfterBytes = 2000;
    const result = await invokeOk<RestoreResult>(world.t, 'backup:restore', {
      source: { from: 'drive', fileId },
    });
    expect(result.state).toBe('restarting');
    world.clock.advance(1000);
    await world.restart();
    expect(dumpWork(raw())).toEqual(before);
    // The downloaded backup is kept here too.
    const entry = (await list()).backups.find((b) => b.id === backupId);
    expect(entry?.local).not.toBeNull();
    // The restored database knows nothing of the uploads made since its backup: the copies to
    // Drive it queues again are found there by identity, never uploaded twice.
    await vi.waitFor(
      async () => {
        await world.tick(1000);
        const backups = (await list()).backups;
        expect(backups.length).toBe(2);
        const uploads = await Promise.all(
          backups.map((b) => world.t.engine.services.storage.uploadOf('backup', b.id)),
        );
        expect(uploads.map((u) => u?.state)).toEqual(['done', 'done']);
      },
      { timeout: 20_000, interval: 20 },
    );
    const ids = [...world.drive.state.files.values()]
      .filter((f) => f.mimeType !== FOLDER_MIME)
      .map((f) => f.appProperties.reelpilotId);
    expect(ids.length).toBe(new Set(ids).size);
    expect(ids).toHaveLength(2);
  });

  it('backs up a database of an older version before migrating it', async () => {
    world = await createDriveWorld();
    const dataDir = world.dataDir;
    await world.t.engine.close();
    const older = openDatabase({ file: path.join(dataDir, 'reelpilot.db') });
    // The database as it was before the storage (11) and batch (12) migrations.
    older.raw.exec('DROP TABLE IF EXISTS drive_uploads');
    older.raw.pragma(`user_version = ${migrations.length - 2}`);
    for (const table of ['drive_folders', 'drive_api_usage', 'storage_state', 'backup_state'])
      older.raw.exec(`DROP TABLE IF EXISTS ${table}`);
    older.raw.exec('DROP TABLE IF EXISTS batch_items');
    older.raw.exec('DROP TABLE IF EXISTS batches');
    older.raw.exec('DROP INDEX IF EXISTS config_runs_by_request_key');
    older.raw.exec('ALTER TABLE config_runs DROP COLUMN request_key');
    await older.close();
    await world.restart();
    const before = (await list()).backups.filter((b) => b.trigger === 'before-update');
    expect(before).toHaveLength(1);
    expect(before[0]?.schemaVersion).toBe(migrations.length - 2);
    // Starting again (nothing to migrate) makes no other.
    await world.restart();
    expect((await list()).backups.filter((b) => b.trigger === 'before-update')).toHaveLength(1);
  });

  it('backs up daily at the set time, and catches up once after sleeping through several', async () => {
    world = await createDriveWorld();
    // The time is in the Settings time zone: 03:00 in Tokyo is 18:00 UTC the day before.
    await invokeOk(world.t, 'settings:update', { timeZone: 'Asia/Tokyo' });
    const inTokyo = await invokeOk<BackupStatus>(world.t, 'backup:updateSettings', {
      time: '03:00',
    });
    expect(inTokyo.nextBackupAt).toBe(Date.UTC(2026, 0, 15, 18, 0));
    await invokeOk(world.t, 'settings:update', { timeZone: 'UTC' });
    const status = await invokeOk<BackupStatus>(world.t, 'backup:updateSettings', {
      time: '03:00',
    });
    // The fake clock starts at 12:00 UTC on 15 January.
    expect(status.nextBackupAt).toBe(Date.UTC(2026, 0, 16, 3, 0));
    const scheduled = async () =>
      (await list()).backups.filter((b) => b.trigger === 'scheduled').length;
    const until = async (count: number) =>
      vi.waitFor(
        async () => {
          await world.tick(1000);
          expect(await scheduled()).toBe(count);
        },
        { timeout: 20_000, interval: 20 },
      );
    await world.tick(15 * 3_600_000);
    expect(await scheduled()).toBe(0);
    await until(1);

    // Asleep for three days: the wall clock jumps, and one backup is taken on waking.
    world.clock.jump(3 * day);
    await world.tick(11 * 60_000);
    await until(2);
    await world.tick(3 * 3_600_000);
    expect(await scheduled()).toBe(2);
    const next = (await invokeOk<BackupStatus>(world.t, 'backup:status', {})).nextBackupAt!;
    expect(new Date(next).toISOString()).toBe('2026-01-20T03:00:00.000Z');
  });
});

/**
 * Backup benchmark: fills a database with a creator's work up to a size (1 GiB by default) with
 * prepared statements in transactions, then times a backup (consistent snapshot with VACUUM INTO
 * on a worker thread, integrity_check, gzip with SHA-256) and a restore (checksum, decompress,
 * integrity_check, the swap at start-up), with the sizes, and the longest the main thread's event
 * loop waited meanwhile. The temp files are removed at the end.
 *
 *   npm run bench:backup                    # 1 GiB
 *   BACKUP_BENCH_MB=200 npm run bench:backup
 *   npx tsx bench/backup-bench.ts 200
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LocalBackups } from '../electron/core/backup/backup-files';
import { makeBackup } from '../electron/core/backup/make-backup';
import {
  applyPendingRestore,
  writePendingRestore,
  restoreDir,
} from '../electron/core/backup/restore-staging';
import { GZIP_LEVEL, inspectArchive } from '../electron/core/backup/sqlite-worker';
import { seedWork, workTables } from '../electron/core/backup/testing/seed-work';
import type BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../electron/core/db/connection';
import { migrateToLatest } from '../electron/core/db/migrate';
import { migrations } from '../electron/core/db/migrations';
import { silentLogger } from '../electron/core/logging/file-logger';

const targetMb = Number(process.argv[2] ?? process.env.BACKUP_BENCH_MB ?? 1024);
if (!Number.isFinite(targetMb) || targetMb < 1) {
  console.error('Give the database size in MiB as a number (argument or BACKUP_BENCH_MB).');
  process.exit(2);
}
const targetBytes = targetMb * 1024 * 1024;
const MiB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The longest the event loop waited for a 10 ms timer while `work` ran. */
async function withLoopWatch<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last - 10);
    last = now;
  }, 10);
  try {
    return { value: await work(), stallMs };
  } finally {
    clearInterval(timer);
  }
}

function countRows(raw: BetterSqlite3.Database): number {
  return workTables.reduce(
    (sum, table) => sum + Number(raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get()),
    0,
  );
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-backup-bench-'));
const dbFile = path.join(dir, 'reelpilot.db');
let peakRss = 0;
const rss = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
try {
  const handle = openDatabase({ file: dbFile });
  await migrateToLatest(handle.db, migrations);
  const seedStart = performance.now();
  let seeded = { accounts: 0, configs: 0, posts: 0, metrics: 0 };
  let batch = 0;
  // Rounds of 20,000 videos (100,000 posts with their metrics) until the file is big enough.
  const size = () =>
    statSync(dbFile).size + (statSync(`${dbFile}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  while (batch === 0 || size() < targetBytes) {
    const round = seedWork(
      handle.raw,
      {
        accounts: batch === 0 ? 25 : 0,
        configs: batch === 0 ? 40 : 0,
        videos: 20_000,
        metricsPerPost: 8,
      },
      {
        seed: batch + 1,
        at: Date.UTC(2025, 0, 1) + batch * 20_000 * 60_000,
        idOffset: batch * 20_000,
      },
    );
    seeded = {
      accounts: seeded.accounts + round.accounts,
      configs: seeded.configs + round.configs,
      posts: seeded.posts + round.posts,
      metrics: seeded.metrics + round.metrics,
    };
    batch += 1;
    handle.raw.pragma('wal_checkpoint(TRUNCATE)');
    process.stdout.write(`\rSeeding: ${mib(statSync(dbFile).size)} of ${mib(targetBytes)}`);
  }
  handle.raw.pragma('wal_checkpoint(TRUNCATE)');
  const seedMs = performance.now() - seedStart;
  const databaseBytes = statSync(dbFile).size;
  process.stdout.write('\n');
  const rowsBefore = countRows(handle.raw);

  // What the event loop waits anyway on this machine (other processes, the garbage collector).
  const { stallMs: idleStall } = await withLoopWatch(
    () => new Promise((resolve) => setTimeout(resolve, 5_000)),
  );
  const files = new LocalBackups(path.join(dir, 'backups'), silentLogger);
  const stages = new Map<string, number>();
  let stage: { name: string; at: number } | null = null;
  const backupStart = performance.now();
  const { value: manifest, stallMs: backupStall } = await withLoopWatch(() =>
    makeBackup({
      files,
      dbFile,
      backupId: 'bench',
      trigger: 'manual',
      createdAt: Date.now(),
      appVersion: 'bench',
      installationId: 'bench',
      onProgress: (name) => {
        if (stage?.name === name) return;
        const now = performance.now();
        if (stage) stages.set(stage.name, now - stage.at);
        stage = { name, at: now };
      },
    }),
  );
  const backupMs = performance.now() - backupStart;
  if (stage)
    stages.set((stage as { name: string }).name, performance.now() - (stage as { at: number }).at);
  await handle.close();

  // Restore: verify and unpack (as the running engine does), then the swap at start-up.
  const paths = { dataDir: dir, dbFile };
  const candidate = path.join(restoreDir(paths), 'candidate.db');
  const restoreStart = performance.now();
  const { value: inspected, stallMs: restoreStall } = await withLoopWatch(async () => {
    const result = await inspectArchive(
      { archive: files.archivePath(manifest), tempDb: candidate },
      {},
    );
    writePendingRestore(paths, {
      candidate: 'candidate.db',
      databaseSha256: result.databaseSha256,
      backupId: manifest.id,
      backupCreatedAt: manifest.createdAt,
      appVersion: manifest.appVersion,
      counts: result.counts,
      undoBackupId: null,
      stagedAt: Date.now(),
    });
    await applyPendingRestore(paths, silentLogger, Date.now());
    return result;
  });
  const restoreMs = performance.now() - restoreStart;
  if (inspected.archiveSha256 !== manifest.sha256 || inspected.integrity.length > 0)
    throw new Error('the restored backup did not verify');
  // The restored file is the snapshot byte for byte (same SHA-256), and holds every row.
  if (inspected.databaseSha256 !== manifest.databaseSha256)
    throw new Error('the restored database differs from the snapshot');
  const restored = openDatabase({ file: dbFile });
  const rowsAfter = countRows(restored.raw);
  await restored.close();
  if (rowsAfter !== rowsBefore)
    throw new Error(`rows differ: ${rowsBefore} before, ${rowsAfter} after`);

  console.log('');
  console.log(
    `Database: ${mib(databaseBytes)} (${seeded.accounts} accounts, ${seeded.configs} configs, ${seeded.posts.toLocaleString()} posts, ${seeded.metrics.toLocaleString()} metric readings), seeded in ${seconds(seedMs)}`,
  );
  console.log(
    `Backup:   ${seconds(backupMs)} → ${mib(manifest.sizeBytes)} gzip level ${GZIP_LEVEL} (${((manifest.sizeBytes / databaseBytes) * 100).toFixed(1)}% of the database; copy ${mib(manifest.databaseBytes)}), ${(databaseBytes / MiB / (backupMs / 1000)).toFixed(0)} MiB/s (${[...stages].map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ')})`,
  );
  console.log(
    `Restore:  ${seconds(restoreMs)} (checksum, decompress, integrity_check, swap), ${rowsAfter.toLocaleString()} rows identical`,
  );
  console.log(
    `Main thread: longest event-loop stall ${backupStall.toFixed(0)} ms during the backup, ${restoreStall.toFixed(0)} ms during the restore (${idleStall.toFixed(0)} ms over 5 s with nothing running; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores)`,
  );
  console.log(`Peak memory (RSS): ${mib(peakRss)}`);
} finally {
  clearInterval(rss);
  rmSync(dir, { recursive: true, force: true });
}

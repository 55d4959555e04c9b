import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  backupCountsSchema,
  restoreReportSchema,
  type RestoreReport,
} from '../../../shared/domain/backup';
import type { Logger, Paths } from '../ports';
import { writeFileAtomic } from './backup-files';

/**
 * A restore happens in two halves. While the engine runs, the backup is verified and unpacked to
 * `backups/restore/candidate.db` and `pending.json` says so. The swap happens at the next start
 * of the engine, before the database is opened (nothing holds it then): the candidate is checked
 * again, the current file and its WAL are removed, the candidate takes their place, and
 * `last-restore.json` records what was restored for the screen.
 */
export function restoreDir(paths: Pick<Paths, 'dataDir'>): string {
  return path.join(paths.dataDir, 'backups', 'restore');
}

const pendingSchema = z.object({
  candidate: z.string(),
  databaseSha256: z.string(),
  backupId: z.string(),
  backupCreatedAt: z.number(),
  appVersion: z.string(),
  counts: backupCountsSchema,
  undoBackupId: z.string().nullable(),
  stagedAt: z.number(),
});
export type PendingRestore = z.infer<typeof pendingSchema>;

const reportFileSchema = restoreReportSchema.extend({
  /** Told once as a notice at the start that did the swap. */
  announced: z.boolean(),
});

const pendingFile = (paths: Pick<Paths, 'dataDir'>) => path.join(restoreDir(paths), 'pending.json');
const reportFile = (paths: Pick<Paths, 'dataDir'>) =>
  path.join(restoreDir(paths), 'last-restore.json');

export function writePendingRestore(paths: Pick<Paths, 'dataDir'>, pending: PendingRestore): void {
  mkdirSync(restoreDir(paths), { recursive: true });
  writeFileAtomic(pendingFile(paths), JSON.stringify(pending, null, 2));
}

export function hasPendingRestore(paths: Pick<Paths, 'dataDir'>): boolean {
  return existsSync(pendingFile(paths));
}

export function readRestoreReport(
  paths: Pick<Paths, 'dataDir'>,
): (RestoreReport & { announced: boolean }) | null {
  try {
    return reportFileSchema.parse(JSON.parse(readFileSync(reportFile(paths), 'utf8')));
  } catch {
    return null;
  }
}

export function markRestoreAnnounced(paths: Pick<Paths, 'dataDir'>): void {
  const report = readRestoreReport(paths);
  if (report) writeFileAtomic(reportFile(paths), JSON.stringify({ ...report, announced: true }));
}

export function dismissRestoreReport(paths: Pick<Paths, 'dataDir'>): void {
  rmSync(reportFile(paths), { force: true });
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Puts a staged restore in place; called by the engine after it took the data-folder lock and
 * before it opens the database. Answers the report, or null when nothing was staged. A candidate
 * that is missing or changed leaves the current database as it is.
 */
export async function applyPendingRestore(
  paths: Pick<Paths, 'dataDir' | 'dbFile'>,
  logger: Logger,
  now: number,
): Promise<RestoreReport | null> {
  const file = pendingFile(paths);
  if (!existsSync(file)) return null;
  let pending: PendingRestore;
  try {
    pending = pendingSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    logger.error('staged restore is unreadable; the current database is kept', {
      error: String(error),
    });
    rmSync(file, { force: true });
    return null;
  }
  const candidate = path.join(restoreDir(paths), pending.candidate);
  if (!existsSync(candidate) || (await sha256Of(candidate)) !== pending.databaseSha256) {
    logger.error('staged restore is missing or changed; the current database is kept', {
      candidate,
    });
    rmSync(file, { force: true });
    rmSync(candidate, { force: true });
    return null;
  }
  // The WAL of the old database must go with it: SQLite would replay it into the new file.
  for (const suffix of ['-wal', '-shm', '-journal', ''])
    rmSync(`${paths.dbFile}${suffix}`, { force: true });
  renameSync(candidate, paths.dbFile);
  const report: RestoreReport = {
    backupId: pending.backupId,
    backupCreatedAt: pending.backupCreatedAt,
    appVersion: pending.appVersion,
    restoredAt: now,
    counts: pending.counts,
    undoBackupId: pending.undoBackupId,
  };
  writeFileAtomic(reportFile(paths), JSON.stringify({ ...report, announced: false }, null, 2));
  rmSync(file, { force: true });
  for (const leftover of ['download.db.gz'])
    rmSync(path.join(restoreDir(paths), leftover), { force: true });
  logger.info('backup restored', {
    backupId: pending.backupId,
    createdAt: pending.backupCreatedAt,
  });
  return report;
}

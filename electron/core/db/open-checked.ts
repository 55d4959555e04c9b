import { closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { AppError, describeError } from '../errors';
import { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from './connection';
import { quickCheck, quickCheckInWorker, type IntegrityReport } from './integrity-check';

export interface OpenCheckedOptions extends OpenDatabaseOptions {
  /** The newest schema this app knows: a newer file is refused before anything writes to it. */
  latestVersion: number;
  /** Files larger than this are checked on a worker thread. Default 32 MiB. */
  checkInWorkerAboveBytes?: number;
}

/** Where to turn when the data cannot be opened. */
const wayOut =
  'Restore a backup (Settings → Storage & backup), or move the file aside to start with an empty one.';

function sidecars(file: string): string[] {
  return [`${file}-wal`, `${file}-shm`];
}

/**
 * Opens the app's database file only once it is known to be safe to write to:
 *
 * 1. An existing file is first opened read-only: it must be a database, its schema version
 *    (`user_version`) must not be newer than this app, and `PRAGMA quick_check` must pass (on a
 *    worker thread for a large file). Nothing is written: a refused file stays byte-identical.
 * 2. Only then is it opened for writing (WAL, foreign keys, busy timeout).
 *
 * A refused or failed open leaves no `-wal` or `-shm` file behind that was not there before.
 * A new file is created readable by its owner only.
 */
export async function openCheckedDatabase(options: OpenCheckedOptions): Promise<DatabaseHandle> {
  const { file } = options;
  if (file === ':memory:') return openDatabase(options);
  const existed = existsSync(file) && statSync(file).size > 0;
  const leftBefore = new Set(sidecars(file).filter((sidecar) => existsSync(sidecar)));
  try {
    if (existed) await checkBeforeWriting(options);
    else closeSync(openSync(file, 'a', 0o600));
    return openDatabase(options);
  } catch (error) {
    for (const sidecar of sidecars(file)) {
      if (!leftBefore.has(sidecar)) rmSync(sidecar, { force: true });
    }
    throw error;
  }
}

async function checkBeforeWriting(options: OpenCheckedOptions): Promise<void> {
  const { file, nativeBinding } = options;
  let version: number;
  let report: IntegrityReport | null = null;
  const large = statSync(file).size > (options.checkInWorkerAboveBytes ?? 32 * 1024 * 1024);
  const raw = openReadOnly(file, nativeBinding);
  try {
    try {
      // Reading one page proves the file is a database.
      raw.prepare('SELECT count(*) FROM sqlite_master').get();
      version = Number(raw.pragma('user_version', { simple: true }));
    } catch (error) {
      throw notADatabase(file, error);
    }
    if (version > options.latestVersion) {
      throw new AppError(
        'UNAVAILABLE',
        `This database was written by a newer ReelPilot (schema ${version}; this app knows up to ${options.latestVersion}). ` +
          'Install the newer version of ReelPilot to open it. Nothing has been changed.',
        { databaseVersion: version, appVersion: options.latestVersion },
      );
    }
    if (!large) report = quickCheck(raw);
  } finally {
    raw.close();
  }
  report ??= (await quickCheckInWorker(file, nativeBinding)) ?? checkHere(file, nativeBinding);
  if (!report.ok) {
    throw new AppError(
      'UNAVAILABLE',
      `The database ${file} is damaged: SQLite's integrity check found ${report.problems.length === 1 ? 'a problem' : 'problems'} (${report.problems.slice(0, 3).join('; ')}). ` +
        `ReelPilot did not open it and changed nothing. ${wayOut}`,
      { problems: report.problems },
    );
  }
}

function openReadOnly(file: string, nativeBinding: string | undefined): BetterSqlite3.Database {
  try {
    return new BetterSqlite3(file, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
  } catch (error) {
    throw notADatabase(file, error);
  }
}

/** The worker could not run: the same check on this thread. */
function checkHere(file: string, nativeBinding: string | undefined): IntegrityReport {
  const raw = openReadOnly(file, nativeBinding);
  try {
    return quickCheck(raw);
  } finally {
    raw.close();
  }
}

function notADatabase(file: string, error: unknown): AppError {
  return new AppError(
    'UNAVAILABLE',
    `The database ${file} could not be opened (${describeError(error)}). ` +
      `Nothing has been changed. ${wayOut}`,
  );
}

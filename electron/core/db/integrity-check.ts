import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** What `PRAGMA quick_check` found: "ok", or the first problems it lists. */
export interface IntegrityReport {
  ok: boolean;
  problems: string[];
}

const MAX_PROBLEMS = 10;

function reportOf(rows: unknown[]): IntegrityReport {
  const problems = rows
    .map((row) =>
      String((row as { quick_check?: unknown }).quick_check ?? Object.values(row as object)[0]),
    )
    .filter((line) => line !== 'ok');
  return { ok: problems.length === 0, problems };
}

/**
 * `PRAGMA quick_check` on an open connection (reads every page: a second or so per GB). A page
 * so damaged that SQLite stops reading is a problem too.
 */
export function quickCheck(raw: BetterSqlite3.Database): IntegrityReport {
  try {
    return reportOf(raw.pragma(`quick_check(${MAX_PROBLEMS})`) as unknown[]);
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
}

// The worker's code is given as text, so that no bundler has to find a second entry file; it
// loads the same better-sqlite3 as this process (and the same native build, for Electron).
const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  const Database = require(workerData.modulePath);
  const db = new Database(workerData.file, Object.assign(
    { readonly: true, fileMustExist: true },
    workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {},
  ));
  try {
    let rows;
  try {
    rows = db.pragma('quick_check(${MAX_PROBLEMS})');
  } catch (error) {
    rows = [{ quick_check: String((error && error.message) || error) }];
  }
  parentPort.postMessage({ rows });
  } finally {
    db.close();
  }
} catch (error) {
  parentPort.postMessage({ failed: String((error && error.message) || error) });
}
`;

/**
 * `PRAGMA quick_check` of a database file on a worker thread, so that a large file is checked
 * while the event loop (the windows) goes on. Null when no worker could run it: the caller
 * checks on its own connection instead.
 */
export function quickCheckInWorker(
  file: string,
  nativeBinding: string | undefined,
): Promise<IntegrityReport | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
      worker = new Worker(workerCode, {
        eval: true,
        workerData: { modulePath, file, nativeBinding },
      });
    } catch {
      resolve(null);
      return;
    }
    let settled = false;
    const settle = (report: IntegrityReport | null) => {
      if (settled) return;
      settled = true;
      resolve(report);
      void worker.terminate();
    };
    worker.once('message', (message: { rows?: unknown[]; failed?: string }) =>
      settle(message.rows ? reportOf(message.rows) : null),
    );
    worker.once('error', () => settle(null));
    worker.once('exit', () => settle(null));
  });
}

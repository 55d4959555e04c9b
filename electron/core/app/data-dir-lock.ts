import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError, describeError } from '../errors';

/** The lock: a small SQLite file whose exclusive lock the engine holds while it runs. */
export const LOCK_FILE_NAME = 'engine.lock';
/** Who holds the lock, for the message a second engine shows; never used to decide anything. */
export const LOCK_OWNER_FILE_NAME = 'engine.lock.owner';

const LOCK_ATTEMPTS = 12;

/** A short synchronous wait: the lock is taken before the engine runs anything. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function ownerOf(dataDir: string): string | null {
  try {
    const pid = Number.parseInt(readFileSync(path.join(dataDir, LOCK_OWNER_FILE_NAME), 'utf8'), 10);
    return Number.isFinite(pid) ? ` (process ${pid})` : null;
  } catch {
    return null;
  }
}

/**
 * One engine per data folder: two would both run the scheduler and the queue and post twice.
 * The lock is an operating-system lock held for the life of the process: `DATA/engine.lock` is
 * opened as a SQLite database in exclusive locking mode with a write transaction left open.
 * Taking it is atomic (two engines started at the same instant: exactly one gets it), and the
 * operating system drops it when the process ends in any way, SIGKILL and power loss included,
 * so a stale lock never blocks. The file itself is never deleted: holding it is what counts.
 */
export function acquireDataDirLock(
  dataDir: string,
  options: { nativeBinding?: string | undefined } = {},
): () => void {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  let lock: BetterSqlite3.Database | null = null;
  // Two engines taking a free lock at the same instant can each hold a step of it (SQLite goes
  // through shared, reserved, exclusive) and both be refused. Each then lets go and tries again
  // after a random pause, so one of them wins; an engine that holds the lock holds it for good,
  // so a second one is still refused once the tries are over (about a third of a second, at
  // start-up only).
  for (let attempt = 1; ; attempt += 1) {
    try {
      lock = new BetterSqlite3(file, {
        timeout: 0,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      });
      lock.pragma('locking_mode = EXCLUSIVE');
      lock.exec('BEGIN EXCLUSIVE');
      break;
    } catch (error) {
      lock?.close();
      lock = null;
      if (isBusy(error) && attempt < LOCK_ATTEMPTS) {
        pause(10 + Math.floor(Math.random() * 40));
        continue;
      }
      if (isBusy(error))
        throw new AppError(
          'CONFLICT',
          `ReelPilot is already running on ${dataDir}${ownerOf(dataDir) ?? ''}. Close it first, or start this one with another data folder.`,
        );
      throw new AppError(
        'UNAVAILABLE',
        `The data folder ${dataDir} could not be locked (${describeError(error)}). Check that the folder is writable.`,
      );
    }
  }
  const held = lock;
  try {
    writeFileSync(path.join(dataDir, LOCK_OWNER_FILE_NAME), String(process.pid));
  } catch {
    // Only the words of a second engine's message depend on it.
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.exec('ROLLBACK');
    held.close();
  };
}

import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders locked by this process: a pid match alone could be a stale lock from a reused pid. */
const heldHere = new Set<string>();

/**
 * One engine per data folder: two would both run the scheduler and post twice. The lock is a
 * file holding the owner's pid; a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'reelpilot.lock');
  if (heldHere.has(file)) {
    throw new AppError(
      'CONFLICT',
      `ReelPilot is already running on ${dataDir} in this process. Close it first, or use another data folder.`,
    );
  }
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      if (Number.isFinite(owner) && owner !== process.pid && isAlive(owner)) {
        throw new AppError(
          'CONFLICT',
          `ReelPilot is already running on ${dataDir} (process ${owner}). Close it first, or start this one with another data folder.`,
        );
      }
      unlinkSync(file);
    }
  }
  throw new AppError(
    'CONFLICT',
    `Could not lock the data folder ${dataDir}. Close other ReelPilot windows and try again.`,
  );
}

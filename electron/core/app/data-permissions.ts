import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { chmod, lstat, opendir } from 'node:fs/promises';
import path from 'node:path';
import { describeError } from '../errors';
import type { Logger } from '../ports';

/**
 * The data folder holds handles, media paths, upload session URLs and tokens: on POSIX systems
 * it is for its owner only, folders 0700 and files 0600, however they were made (an older
 * version, a copy, ffmpeg, a file copied with its original mode). Windows keeps its ACLs.
 */
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

const posix = process.platform !== 'win32';

function privateMode(isDirectory: boolean): number {
  return isDirectory ? PRIVATE_DIR : PRIVATE_FILE;
}

/**
 * The folder itself and what lies directly in it (the database and its `-wal`/`-shm`, the
 * lock, secrets, the logs folder and its files): done before the database is opened, so SQLite
 * makes its side files with the database's mode. Returns how many modes were changed.
 */
export function makeTopLevelPrivate(dataDir: string, logger: Logger): number {
  if (!posix) return 0;
  let changed = 0;
  const tighten = (target: string) => {
    try {
      const stats = lstatSync(target);
      if (stats.isSymbolicLink()) return;
      const mode = privateMode(stats.isDirectory());
      if ((stats.mode & 0o777) !== mode) {
        chmodSync(target, mode);
        changed += 1;
      }
    } catch (error) {
      logger.warn('could not make a file in the data folder private', {
        path: target,
        error: describeError(error),
      });
    }
  };
  tighten(dataDir);
  for (const name of readdirSync(dataDir)) tighten(path.join(dataDir, name));
  const logs = path.join(dataDir, 'logs');
  try {
    for (const name of readdirSync(logs)) tighten(path.join(logs, name));
  } catch {
    // No logs folder yet.
  }
  return changed;
}

/**
 * Everything below the data folder (media copies, renders, thumbnails, previews): walked without
 * blocking the event loop, after the start. Returns how many modes were changed.
 */
export async function makeDataFolderPrivate(dataDir: string, logger: Logger): Promise<number> {
  if (!posix) return 0;
  let changed = 0;
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await opendir(dir);
    } catch (error) {
      logger.warn('could not look into a folder of the data folder', {
        path: dir,
        error: describeError(error),
      });
      return;
    }
    for await (const entry of entries) {
      if (entry.isSymbolicLink()) continue;
      const target = path.join(dir, entry.name);
      try {
        const mode = privateMode(entry.isDirectory());
        if (((await lstat(target)).mode & 0o777) !== mode) {
          await chmod(target, mode);
          changed += 1;
        }
      } catch (error) {
        logger.warn('could not make a file in the data folder private', {
          path: target,
          error: describeError(error),
        });
      }
      if (entry.isDirectory()) await walk(target);
    }
  };
  try {
    const mode = (await lstat(dataDir)).mode & 0o777;
    if (mode !== PRIVATE_DIR) {
      await chmod(dataDir, PRIVATE_DIR);
      changed += 1;
    }
  } catch (error) {
    logger.warn('could not make the data folder private', { error: describeError(error) });
    return changed;
  }
  await walk(dataDir);
  return changed;
}

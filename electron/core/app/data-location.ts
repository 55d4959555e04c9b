import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { AppError } from '../errors';
import type { Paths } from '../ports';
import { LOCK_FILE_NAME, LOCK_OWNER_FILE_NAME } from './data-dir-lock';

export const DB_FILE_NAME = 'reelpilot.db';
const POINTER_FILE = 'data-location.json';
const pointerSchema = z.object({ dataDir: z.string().min(1) });

/** The platform's app-data folder, the same one Electron's `userData` uses for ReelPilot. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'ReelPilot');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'ReelPilot');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'ReelPilot');
}

export interface ResolvedDataDir {
  dataDir: string;
  /** Given on the command line: the UI cannot move it. */
  pinned: boolean;
}

/**
 * The data folder in use: a command-line override, else the folder the user moved the data to
 * (a pointer file in the default folder), else the default folder.
 */
export function resolveDataDir(defaultDir: string, override?: string | null): ResolvedDataDir {
  if (override) return { dataDir: path.resolve(override), pinned: true };
  const pointer = path.join(defaultDir, POINTER_FILE);
  if (existsSync(pointer)) {
    try {
      const { dataDir } = pointerSchema.parse(JSON.parse(readFileSync(pointer, 'utf8')));
      return { dataDir, pinned: false };
    } catch {
      // A damaged pointer must not hide the default folder's data; fall through to it.
    }
  }
  return { dataDir: defaultDir, pinned: false };
}

export function makePaths(dataDir: string, resourcesDir: string): Paths {
  return {
    dataDir,
    dbFile: path.join(dataDir, DB_FILE_NAME),
    logsDir: path.join(dataDir, 'logs'),
    mediaDir: path.join(dataDir, 'media'),
    cacheDir: path.join(dataDir, 'cache'),
    tempDir: path.join(dataDir, 'tmp'),
    resourcesDir,
  };
}

/**
 * Every file and folder this process makes from now on is for its owner only (umask 077 on
 * POSIX): renders and thumbnails ffmpeg writes, uploads, the lock, exports. The shells call it
 * before anything else is written.
 */
export function keepNewFilesPrivate(): void {
  if (process.platform !== 'win32') process.umask(0o077);
}

/** The data folder and its parts, for their owner only (0700) on POSIX systems. */
export function ensureDirectories(paths: Paths): void {
  for (const dir of [paths.dataDir, paths.logsDir, paths.mediaDir, paths.cacheDir, paths.tempDir]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
}

const skipped = new Set([
  DB_FILE_NAME,
  `${DB_FILE_NAME}-wal`,
  `${DB_FILE_NAME}-shm`,
  'reelpilot.lock',
  LOCK_FILE_NAME,
  `${LOCK_FILE_NAME}-journal`,
  LOCK_OWNER_FILE_NAME,
  POINTER_FILE,
  'tmp',
]);

/**
 * Copies the data folder to `target` and points the default folder at it. The database is copied
 * with `VACUUM INTO`, a consistent snapshot taken while the app keeps running. The old folder is
 * left in place: the person deletes it once the app has started from the new one.
 */
export function relocateData(options: {
  raw: BetterSqlite3.Database;
  from: string;
  target: string;
  defaultDir: string;
}): { target: string; copiedFiles: number } {
  const target = path.resolve(options.target);
  const from = path.resolve(options.from);
  if (!path.isAbsolute(options.target)) {
    throw new AppError('BAD_INPUT', 'Give the full path of the new data folder.');
  }
  if (target === from) throw new AppError('BAD_INPUT', 'That is already the data folder.');
  if (target.startsWith(from + path.sep)) {
    throw new AppError('BAD_INPUT', 'The new data folder cannot be inside the current one.');
  }
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new AppError('BAD_INPUT', `${target} is not empty. Choose an empty or new folder.`);
  }
  try {
    mkdirSync(target, { recursive: true });
  } catch (error) {
    throw new AppError('BAD_INPUT', `Cannot create ${target}: ${(error as Error).message}.`);
  }
  let copiedFiles = 0;
  try {
    for (const entry of readdirSync(from)) {
      if (skipped.has(entry)) continue;
      cpSync(path.join(from, entry), path.join(target, entry), {
        recursive: true,
        errorOnExist: true,
      });
      copiedFiles += 1;
    }
    options.raw.prepare('VACUUM INTO ?').run(path.join(target, DB_FILE_NAME));
    copiedFiles += 1;
  } catch (error) {
    rmSync(target, { recursive: true, force: true });
    throw new AppError(
      'UNAVAILABLE',
      `Copying the data to ${target} failed (${(error as Error).message}). Nothing was changed; the app keeps using ${from}.`,
    );
  }
  mkdirSync(options.defaultDir, { recursive: true });
  const pointer = path.join(options.defaultDir, POINTER_FILE);
  if (target === path.resolve(options.defaultDir)) rmSync(pointer, { force: true });
  else writeFileSync(pointer, JSON.stringify({ dataDir: target }, null, 2));
  return { target, copiedFiles };
}

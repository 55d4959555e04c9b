import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { backupCountsSchema } from '../../../shared/domain/backup';
import { AppError } from '../errors';

/**
 * The heavy SQLite work of backups, on a worker thread so the event loop (the Electron main
 * process) never waits for it: `VACUUM INTO` (a consistent snapshot read inside one transaction,
 * while the engine goes on writing through its own connection), `PRAGMA integrity_check`, and
 * gzip with SHA-256 as the bytes stream through.
 *
 * The worker is plain CommonJS handed to `new Worker(..., { eval: true })`, so it runs the same
 * from the TypeScript sources (tests, the headless host) and from the bundled desktop app; it is
 * given better-sqlite3's resolved path and the addon built for the running runtime.
 */
const workerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { createReadStream, createWriteStream, mkdirSync, openSync, readSync, closeSync, rmSync, statSync } = require('node:fs');
const { dirname } = require('node:path');
const { createHash } = require('node:crypto');
const { createGzip, createGunzip } = require('node:zlib');
const { pipeline } = require('node:stream/promises');
const { Transform } = require('node:stream');
const Database = require(workerData.betterSqlite3);

const task = workerData.task;
const options = workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {};
const post = (message) => parentPort.postMessage(message);
const progress = (stage, fraction) => post({ type: 'progress', stage, fraction });

function counts(db) {
  const count = (sql) => {
    try {
      return Number(db.prepare(sql).pluck().get()) || 0;
    } catch (error) {
      return 0; // the table does not exist in this schema version
    }
  };
  return {
    accounts: count('SELECT count(*) FROM accounts'),
    configs: count('SELECT count(*) FROM configs'),
    posts: count("SELECT count(*) FROM distribution_targets WHERE state = 'success'"),
    metrics: count('SELECT count(*) FROM post_metrics'),
    mediaItems: count('SELECT count(*) FROM media_items'),
  };
}

function check(file) {
  const db = new Database(file, { ...options, readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('PRAGMA integrity_check').pluck().all();
    const ok = rows.length === 1 && rows[0] === 'ok';
    return {
      integrity: ok ? [] : rows.slice(0, 10).map(String),
      schemaVersion: Number(db.pragma('user_version', { simple: true })) || 0,
      counts: counts(db),
    };
  } finally {
    db.close();
  }
}

function meter(total, stage) {
  let seen = 0;
  let last = 0;
  return new Transform({
    transform(chunk, _encoding, done) {
      seen += chunk.length;
      if (total > 0 && (seen - last > total / 100 || seen === total)) {
        last = seen;
        progress(stage, Math.min(1, seen / total));
      }
      done(null, chunk);
    },
  });
}

function hasher(hash) {
  return new Transform({
    transform(chunk, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

function startsWith(file, bytes) {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(bytes.length);
    const read = readSync(fd, head, 0, bytes.length, 0);
    return read === bytes.length && head.equals(bytes);
  } finally {
    closeSync(fd);
  }
}

async function snapshot() {
  progress('snapshot', null);
  const source = new Database(task.source, { ...options, readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 30000');
    source.prepare('VACUUM INTO ?').run(task.tempDb);
  } finally {
    source.close();
  }
  progress('checking', null);
  const checked = check(task.tempDb);
  if (checked.integrity.length > 0) {
    throw new Error('the copy failed its integrity check: ' + checked.integrity.join('; '));
  }
  const databaseBytes = statSync(task.tempDb).size;
  const databaseHash = createHash('sha256');
  const archiveHash = createHash('sha256');
  progress('compressing', 0);
  await pipeline(
    createReadStream(task.tempDb, { highWaterMark: 1 << 20 }),
    meter(databaseBytes, 'compressing'),
    hasher(databaseHash),
    createGzip({ level: task.level }),
    hasher(archiveHash),
    createWriteStream(task.target),
  );
  rmSync(task.tempDb, { force: true });
  return {
    sha256: archiveHash.digest('hex'),
    sizeBytes: statSync(task.target).size,
    databaseBytes,
    databaseSha256: databaseHash.digest('hex'),
    schemaVersion: checked.schemaVersion,
    counts: checked.counts,
  };
}

async function inspect() {
  const archiveBytes = statSync(task.archive).size;
  const archiveHash = createHash('sha256');
  const databaseHash = createHash('sha256');
  const gzip = startsWith(task.archive, Buffer.from([0x1f, 0x8b]));
  const sqlite = !gzip && startsWith(task.archive, Buffer.from('SQLite format 3\0', 'latin1'));
  if (!gzip && !sqlite) throw new Error('it is neither a ReelPilot backup (.db.gz) nor a SQLite database');
  progress('verifying', 0);
  mkdirSync(dirname(task.tempDb), { recursive: true });
  const steps = [
    createReadStream(task.archive, { highWaterMark: 1 << 20 }),
    meter(archiveBytes, 'verifying'),
    hasher(archiveHash),
  ];
  if (gzip) steps.push(createGunzip());
  steps.push(hasher(databaseHash), createWriteStream(task.tempDb));
  try {
    await pipeline(...steps);
  } catch (error) {
    throw new Error('it could not be decompressed (' + error.message + '): the file is damaged or incomplete');
  }
  progress('checking', null);
  let checked;
  try {
    checked = check(task.tempDb);
  } catch (error) {
    throw new Error('the database inside could not be opened (' + error.message + ')');
  }
  return {
    archiveSha256: archiveHash.digest('hex'),
    databaseSha256: databaseHash.digest('hex'),
    databaseBytes: statSync(task.tempDb).size,
    integrity: checked.integrity,
    schemaVersion: checked.schemaVersion,
    counts: checked.counts,
  };
}

(task.op === 'snapshot' ? snapshot() : inspect()).then(
  (result) => post({ type: 'result', result }),
  (error) => post({ type: 'error', message: error && error.message ? error.message : String(error) }),
);
`;

const snapshotResultSchema = z.object({
  sha256: z.string(),
  sizeBytes: z.number(),
  databaseBytes: z.number(),
  databaseSha256: z.string(),
  schemaVersion: z.number().int(),
  counts: backupCountsSchema,
});
export type SnapshotResult = z.infer<typeof snapshotResultSchema>;

const inspectResultSchema = z.object({
  archiveSha256: z.string(),
  databaseSha256: z.string(),
  databaseBytes: z.number(),
  /** Empty when the check said "ok"; else its first findings. */
  integrity: z.array(z.string()),
  schemaVersion: z.number().int(),
  counts: backupCountsSchema,
});
export type InspectResult = z.infer<typeof inspectResultSchema>;

const messageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), stage: z.string(), fraction: z.number().nullable() }),
  z.object({ type: z.literal('result'), result: z.unknown() }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);

export type WorkerStage = 'snapshot' | 'checking' | 'compressing' | 'verifying';
export type WorkerProgress = (stage: WorkerStage, fraction: number | null) => void;

export interface SqliteWorkerOptions {
  /** better-sqlite3's addon for this runtime (the Electron build); default: the Node one. */
  nativeBinding?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: WorkerProgress | undefined;
}

/** gzip level 3: within a tenth of level 6's size on SQLite pages in about half its time (bench:backup). */
export const GZIP_LEVEL = 3;

const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');

function runWorker<T>(
  task: Record<string, unknown>,
  schema: z.ZodType<T>,
  options: SqliteWorkerOptions,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (options.signal?.aborted) return reject(options.signal.reason as Error);
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { task, betterSqlite3, nativeBinding: options.nativeBinding ?? null },
    });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      action();
      void worker.terminate();
    };
    const onAbort = () =>
      settle(() => reject((options.signal?.reason as Error | undefined) ?? new Error('Stopped.')));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (raw: unknown) => {
      const message = messageSchema.safeParse(raw);
      if (!message.success) return;
      const data = message.data;
      if (data.type === 'progress') options.onProgress?.(data.stage as WorkerStage, data.fraction);
      else if (data.type === 'error')
        settle(() => reject(new AppError('UNAVAILABLE', data.message)));
      else {
        const parsed = schema.safeParse(data.result);
        settle(() =>
          parsed.success
            ? resolve(parsed.data)
            : reject(new Error(`The backup worker answered in an unexpected form.`)),
        );
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() =>
        reject(new Error(`The backup worker stopped unexpectedly (exit code ${code}).`)),
      ),
    );
  });
}

/**
 * A consistent copy of the live database `source` (`VACUUM INTO` a temp file), checked with
 * `integrity_check`, then gzipped to `target`. The temp file is removed afterwards.
 */
export function snapshotDatabase(
  paths: { source: string; tempDb: string; target: string },
  options: SqliteWorkerOptions = {},
): Promise<SnapshotResult> {
  return runWorker({ op: 'snapshot', ...paths, level: GZIP_LEVEL }, snapshotResultSchema, options);
}

/**
 * Unpacks a backup (a `.db.gz`, or a plain SQLite file) to `tempDb` and checks it: checksums of
 * the file and of the database, `integrity_check`, schema version and counts. `tempDb` is left
 * for the caller (a restore moves it into place).
 */
export function inspectArchive(
  paths: { archive: string; tempDb: string },
  options: SqliteWorkerOptions = {},
): Promise<InspectResult> {
  return runWorker({ op: 'inspect', ...paths }, inspectResultSchema, options);
}

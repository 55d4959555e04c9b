import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../logging/file-logger';
import { randomIds, systemClock } from '../runtime/node-ports';
import { openTestDatabase } from '../testing/test-database';
import { JobQueue } from './job-queue';
import { SqliteJobStore } from './job-store';

const root = path.resolve(import.meta.dirname, '../../..');
const script = path.join(import.meta.dirname, 'testing/queue-worker-process.ts');
const children: ChildProcess[] = [];
let dir = '';

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function startWorker(db: string, log: string, mode: 'hang' | 'complete', name: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, WORKER_DB: db, WORKER_LOG: log, WORKER_MODE: mode, WORKER_NAME: name },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, exited, stderr: () => stderr };
}

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
}

it('completes a job exactly once after its worker process is killed mid-job', async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-crash-'));
  const dbFile = path.join(dir, 'queue.db');
  const log = path.join(dir, 'runs.log');
  const handle = await openTestDatabase(dbFile);
  const queue = new JobQueue({
    store: new SqliteJobStore(handle.db),
    clock: systemClock,
    ids: randomIds,
    logger: silentLogger,
  });
  // This process only enqueues: it registers the kind but never starts taking work.
  queue.register({
    kind: 'crash-test',
    maxAttempts: 3,
    parseData: (data) => z.object({ label: z.string() }).parse(data),
    run: async () => {},
  });
  const { job } = await queue.enqueue(
    'crash-test',
    { label: 'video-1' },
    { idempotencyKey: 'once' },
  );

  const doomed = startWorker(dbFile, log, 'hang', 'A');
  await vi.waitFor(() => expect(lines(log)).toEqual(['start video-1 A attempt 1']), {
    timeout: 15_000,
    interval: 50,
  });
  doomed.child.kill('SIGKILL');
  await doomed.exited;
  expect(handle.raw.prepare('SELECT state, attempts FROM jobs WHERE id = ?').get(job.id)).toEqual({
    state: 'running',
    attempts: 1,
  });

  // Two fresh workers race for the orphaned job once its lease expires: one of them gets it.
  const b = startWorker(dbFile, log, 'complete', 'B');
  const c = startWorker(dbFile, log, 'complete', 'C');
  const codes = await Promise.all([b.exited, c.exited]);
  expect(codes, b.stderr() + c.stderr()).toEqual([0, 0]);

  const runs = lines(log);
  expect(runs).toHaveLength(3);
  expect(runs.filter((line) => line.startsWith('done'))).toHaveLength(1);
  expect(runs[1]).toMatch(/^start video-1 [BC] attempt 2$/);
  expect(handle.raw.prepare('SELECT state, attempts, last_error FROM jobs').all()).toEqual([
    {
      state: 'succeeded',
      attempts: 2,
      last_error: 'ReelPilot stopped while this job was running.',
    },
  ]);
  await handle.close();
}, 40_000);

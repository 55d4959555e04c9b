/**
 * A queue worker in its own process, for the crash test: `node --import tsx` this file with
 * WORKER_DB (the shared SQLite file), WORKER_MODE (`hang`: start the job and never finish;
 * `complete`: finish it) and WORKER_LOG (a file each job run appends a line to).
 */
import { appendFileSync } from 'node:fs';
import { z } from 'zod';
import { openDatabase } from '../../db/connection';
import { silentLogger } from '../../logging/file-logger';
import { randomIds, systemClock } from '../../runtime/node-ports';
import { JobQueue } from '../job-queue';
import { SqliteJobStore } from '../job-store';

const env = z
  .object({
    WORKER_DB: z.string().min(1),
    WORKER_MODE: z.enum(['hang', 'complete']),
    WORKER_LOG: z.string().min(1),
    WORKER_NAME: z.string().min(1),
  })
  .parse(process.env);

const handle = openDatabase({ file: env.WORKER_DB });
const queue = new JobQueue({
  store: new SqliteJobStore(handle.db),
  clock: systemClock,
  ids: randomIds,
  logger: silentLogger,
  pollMs: 100,
});
queue.register({
  kind: 'crash-test',
  maxAttempts: 3,
  leaseMs: 600,
  parseData: (data) => z.object({ label: z.string() }).parse(data),
  async run({ label }, { attempt }) {
    appendFileSync(env.WORKER_LOG, `start ${label} ${env.WORKER_NAME} attempt ${attempt}\n`);
    if (env.WORKER_MODE === 'hang') await new Promise(() => setInterval(() => {}, 1000));
    await new Promise((resolve) => setTimeout(resolve, 50));
    appendFileSync(env.WORKER_LOG, `done ${label} ${env.WORKER_NAME}\n`);
  },
});
await queue.start();
process.stdout.write('ready\n');

// Stay until every crash-test job is final, then drain and leave.
const poll = setInterval(() => {
  const open = handle.raw
    .prepare("SELECT count(*) AS n FROM jobs WHERE state IN ('queued', 'running')")
    .get() as { n: number };
  if (open.n > 0) return;
  clearInterval(poll);
  void queue
    .shutdown()
    .then(() => handle.close())
    .then(() => process.exit(0));
}, 50);

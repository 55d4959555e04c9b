import type { Kysely } from 'kysely';
import { afterEach } from 'vitest';
import { z } from 'zod';
import type { DatabaseHandle } from '../../db/connection';
import type { Database } from '../../db/schema';
import { silentLogger } from '../../logging/file-logger';
import { randomIds } from '../../runtime/node-ports';
import type { FakeClock } from '../../testing/fake-clock';
import { RecordingEventSink } from '../../testing/test-engine';
import type { JobHandler } from '../job-handler';
import { JobQueue, type JobQueueOptions } from '../job-queue';
import { SqliteJobStore } from '../job-store';

/** A promise the test resolves by hand, to hold a job in the middle of its run. */
export function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** A job's row as stored. */
export function jobRow(db: Kysely<Database>, id: string) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/**
 * The queues and rows of one test file over the database each test opens (`handle`, read when
 * used). After each test the file's queues shut down at once and its database closes.
 */
export function queueTestBed(handle: () => DatabaseHandle | undefined) {
  const queues: JobQueue[] = [];
  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.shutdown(0);
    await handle()?.close();
  });
  const db = () => {
    const open = handle();
    if (!open) throw new Error('Open the test database first.');
    return open.db;
  };
  return {
    /** A queue with fixed jitter and recorded events. */
    makeQueue(clock: FakeClock, extra: Partial<JobQueueOptions> = {}) {
      const events = new RecordingEventSink();
      const queue = new JobQueue({
        store: new SqliteJobStore(db()),
        clock,
        ids: randomIds,
        logger: silentLogger,
        events,
        random: () => 0.5,
        ...extra,
      });
      queues.push(queue);
      return { queue, events };
    },
    row: (id: string) => jobRow(db(), id),
  };
}

const dataSchema = z.object({ n: z.number() });

/** A handler of the kind `work` over `{ n }` that runs `run`, up to 3 attempts by default. */
export function workHandler(
  run: JobHandler<{ n: number }>['run'],
  overrides: Partial<JobHandler<{ n: number }>> = {},
): JobHandler<{ n: number }> {
  return { kind: 'work', maxAttempts: 3, parseData: (d) => dataSchema.parse(d), run, ...overrides };
}

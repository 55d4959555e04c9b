import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/connection';
import { silentLogger } from '../logging/file-logger';
import type { Logger } from '../ports';
import { randomIds } from '../runtime/node-ports';
import { FakeClock } from '../testing/fake-clock';
import { openTestDatabase } from '../testing/test-database';
import type { JobHandler } from './job-handler';
import { JobQueue } from './job-queue';
import { SqliteJobStore, type JobFinish } from './job-store';

let handle: DatabaseHandle;
const queues: JobQueue[] = [];
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.shutdown(0);
  await handle?.close();
});

const enospc = () =>
  Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

function work(
  run: JobHandler<{ n: number }>['run'],
  overrides: Partial<JobHandler<{ n: number }>> = {},
): JobHandler<{ n: number }> {
  return {
    kind: 'work',
    maxAttempts: 1,
    ...overrides,
    parseData: (data) => z.object({ n: z.number() }).parse(data),
    run,
  };
}

async function row(id: string) {
  return handle.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('jobs on a full disk', () => {
  it('give back the attempt and wait for space instead of dying', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const queue = new JobQueue({
      store: new SqliteJobStore(handle.db),
      clock,
      ids: randomIds,
      logger: silentLogger,
      random: () => 0.5,
    });
    queues.push(queue);
    let full = true;
    queue.register(
      work(async () => {
        if (full) throw enospc();
      }),
    );
    await queue.start();
    const { job } = await queue.enqueue('work', { n: 1 });
    await vi.waitFor(async () =>
      expect(await row(job.id)).toMatchObject({
        state: 'queued',
        attempts: 0,
        not_before: clock.now() + 60_000,
      }),
    );
    expect((await row(job.id)).last_error).toMatch(
      /^The disk is full \(ENOSPC.*when there is room/,
    );
    full = false;
    clock.advance(60_000);
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('succeeded'));
  });

  it('an outcome that cannot be saved is tried again, neither lost nor redone', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const store = new SqliteJobStore(handle.db);
    let refuse = 2;
    const finish = store.finish.bind(store);
    store.finish = async (id: string, owner: string, outcome: JobFinish, now: number) => {
      if (refuse > 0) {
        refuse -= 1;
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      }
      return finish(id, owner, outcome, now);
    };
    const logged: string[] = [];
    const logger: Logger = {
      ...silentLogger,
      error: (message) => void logged.push(message),
      child: () => logger,
    };
    const queue = new JobQueue({ store, clock, ids: randomIds, logger, random: () => 0.5 });
    queues.push(queue);
    const done: number[] = [];
    queue.register(work(async ({ n }) => void done.push(n), { maxAttempts: 3 }));
    await queue.start();
    const first = await queue.enqueue('work', { n: 1 });
    await vi.waitFor(() =>
      expect(logged).toEqual(['job outcome could not be saved; trying again shortly']),
    );
    clock.advance(5_000);
    await vi.waitFor(() => expect(logged).toHaveLength(2));
    clock.advance(5_000);
    await vi.waitFor(async () => expect((await row(first.job.id)).state).toBe('succeeded'));
    const second = await queue.enqueue('work', { n: 2 });
    await vi.waitFor(async () => expect((await row(second.job.id)).state).toBe('succeeded'));
    expect(done).toEqual([1, 2]);
  });
});

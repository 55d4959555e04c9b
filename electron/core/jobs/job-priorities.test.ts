import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/connection';
import { silentLogger } from '../logging/file-logger';
import { randomIds } from '../runtime/node-ports';
import { FakeClock } from '../testing/fake-clock';
import { openTestDatabase } from '../testing/test-database';
import type { JobHandler } from './job-handler';
import { AGING_MS, AUTOMATIC_PRIORITY, BATCH_PRIORITY } from './job-priorities';
import { JobQueue } from './job-queue';
import { SqliteJobStore } from './job-store';

let handle: DatabaseHandle;
let queue: JobQueue | null = null;

afterEach(async () => {
  await queue?.shutdown(0);
  await handle?.close();
});

/**
 * One upload slot shared by a batch that never runs dry (each of its jobs takes a minute and
 * queues the next two) and one scheduled run's upload: returns the order the jobs ran in.
 */
async function runOrder(batchJobs: number): Promise<string[]> {
  handle = await openTestDatabase();
  const clock = new FakeClock();
  const order: string[] = [];
  let queued = 0;
  const work: JobHandler<{ name: string }> = {
    kind: 'upload',
    maxAttempts: 1,
    parseData: (d) => z.object({ name: z.string() }).parse(d),
    run: async ({ name }) => {
      order.push(name);
      clock.jump(60_000);
      if (name.startsWith('batch') && queued < batchJobs) {
        for (let i = 0; i < 2; i += 1) {
          queued += 1;
          await queue!.enqueue('upload', { name: `batch-${queued}` }, { priority: BATCH_PRIORITY });
        }
      }
    },
  };
  queue = new JobQueue({
    store: new SqliteJobStore(handle.db),
    clock,
    ids: randomIds,
    logger: silentLogger,
    random: () => 0.5,
  });
  queue.register(work);
  await queue.enqueue('upload', { name: 'batch-0' }, { priority: BATCH_PRIORITY });
  await queue.enqueue('upload', { name: 'scheduled' }, { priority: AUTOMATIC_PRIORITY });
  await queue.start();
  for (let i = 0; i < batchJobs * 3 && order.length < batchJobs + 2; i += 1) {
    await queue.idle();
    clock.advance(1000);
  }
  await queue.idle();
  return order;
}

describe('job priorities', () => {
  it('runs a batch before automatic work, yet the automatic job runs once it has aged', async () => {
    const order = await runOrder(40);
    // The batch goes first…
    expect(order[0]).toBe('batch-0');
    expect(order[1]).toMatch(/^batch-/);
    // …and the scheduled upload is not starved: it runs once it has waited the aging time.
    const at = order.indexOf('scheduled');
    expect(at).toBeGreaterThan(1);
    expect(at).toBeLessThanOrEqual(Math.ceil(AGING_MS / 60_000) + 1);
    expect(order.length).toBeGreaterThan(at + 10);
  });
});

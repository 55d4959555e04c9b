import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/connection';
import { silentLogger } from '../logging/file-logger';
import { randomIds } from '../runtime/node-ports';
import { FakeClock } from '../testing/fake-clock';
import { flushAsync, openTestDatabase } from '../testing/test-database';
import { LeaseLostError, type JobHandler } from './job-handler';
import { JobQueue } from './job-queue';
import { gate, jobRow } from './testing/job-test-kit';
import { SqliteJobStore, type JobStore } from './job-store';

let handle: DatabaseHandle;
const queues: JobQueue[] = [];

afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.shutdown(0);
  await handle?.close();
});

/** A store whose lease renewals fail while `failing` is set (a busy or unreachable database). */
class StalledHeartbeats extends SqliteJobStore {
  failing = false;
  override async extendLease(id: string, token: string, until: number, now: number) {
    if (this.failing) throw new Error('database is locked');
    return super.extendLease(id, token, until, now);
  }
}

function queueOn(store: JobStore, clock: FakeClock) {
  const queue = new JobQueue({
    store,
    clock,
    ids: randomIds,
    logger: silentLogger,
    random: () => 0.5,
  });
  queues.push(queue);
  return queue;
}

/** The irreversible step of a job: counted, so a test can assert it happened once. */
function postingHandler(
  posts: string[],
  name: string,
  before: (signal: AbortSignal) => Promise<void>,
): JobHandler<{ n: number }> {
  return {
    kind: 'post',
    maxAttempts: 3,
    leaseMs: 3000,
    parseData: (d) => z.object({ n: z.number() }).parse(d),
    async run(_data, context) {
      await before(context.signal);
      await context.assertOwner();
      posts.push(name);
    },
  };
}

const row = (id: string) => jobRow(handle.db, id);

describe('fencing a job whose lease was lost', () => {
  it('aborts the handler once the lease the database confirmed runs out unrenewed, and queues the job again', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const store = new StalledHeartbeats(handle.db);
    const queue = queueOn(store, clock);
    const reasons: unknown[] = [];
    queue.register({
      kind: 'post',
      maxAttempts: 3,
      leaseMs: 3000,
      parseData: (d) => d,
      run: (_data, { signal, attempt }) =>
        new Promise((resolve, reject) => {
          if (attempt > 1) return resolve('second attempt');
          signal.addEventListener('abort', () => {
            reasons.push(signal.reason);
            reject(signal.reason as Error);
          });
        }),
    });
    await queue.start();
    const { job } = await queue.enqueue('post', {});
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('running'));
    store.failing = true;
    // No renewal for a whole lease: the heartbeats at 1 s and 2 s and the one at 3 s all fail.
    for (let t = 0; t < 2999; t += 500) {
      clock.advance(Math.min(500, 2999 - t));
      await flushAsync();
    }
    expect(reasons).toEqual([]);
    clock.advance(1);
    await vi.waitFor(() => expect(reasons).toHaveLength(1));
    expect(reasons[0]).toBeInstanceOf(LeaseLostError);
    store.failing = false;
    // Nobody took the job over: this worker gives it back, and it runs again.
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('succeeded'));
    expect(await row(job.id)).toMatchObject({ attempts: 2, result: '"second attempt"' });
  });

  it('keeps a job whose late renewal proves that no other worker took it (a short stall)', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const queue = queueOn(new SqliteJobStore(handle.db), clock);
    const posts: string[] = [];
    const stalled = gate();
    let aborted = false;
    queue.register(
      postingHandler(posts, 'A', async (signal) => {
        signal.addEventListener('abort', () => (aborted = true));
        await stalled.opened;
      }),
    );
    const { job } = await queue.enqueue('post', { n: 1 });
    await queue.start();
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('running'));
    // Every timer of a 3 s lease comes due at once, as after the event loop stalled for 5 s.
    clock.advance(5000);
    await flushAsync();
    stalled.open();
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('succeeded'));
    expect({ aborted, posts }).toEqual({ aborted: false, posts: ['A'] });
  });

  it('lets only the worker holding the lease make the irreversible call', async () => {
    handle = await openTestDatabase();
    // Two processes whose clocks disagree: B believes A's lease ran out while A does not.
    const clockA = new FakeClock();
    const clockB = new FakeClock(clockA.now() + 10_000);
    const posts: string[] = [];
    const stalled = gate();
    const a = queueOn(new SqliteJobStore(handle.db), clockA);
    const b = queueOn(new SqliteJobStore(handle.db), clockB);
    a.register(postingHandler(posts, 'A', () => stalled.opened));
    b.register(postingHandler(posts, 'B', async () => {}));
    const { job } = await a.enqueue('post', { n: 1 });
    await a.start();
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('running'));
    const tokenOfA = (await row(job.id)).lease_token;

    await b.start();
    await vi.waitFor(() => expect(posts).toEqual(['B']));
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('succeeded'));
    expect((await row(job.id)).lease_token).toBeNull();

    // A wakes up from its stall and reaches its irreversible step: the database says no.
    stalled.open();
    await a.idle();
    expect(posts).toEqual(['B']);
    expect(tokenOfA).toBeTruthy();
    // A could not overwrite the outcome B recorded.
    expect(await row(job.id)).toMatchObject({ state: 'succeeded', attempts: 2 });
  });

  it('refuses the irreversible step when too little of the lease is left, after trying to renew it', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const store = new StalledHeartbeats(handle.db);
    const queue = queueOn(store, clock);
    const posts: string[] = [];
    const ready = gate();
    const outcomes: unknown[] = [];
    queue.register({
      kind: 'post',
      maxAttempts: 3,
      leaseMs: 4000,
      parseData: (d) => d,
      async run(_data, context) {
        if (context.attempt > 1) return;
        await ready.opened;
        try {
          await context.assertOwner();
          posts.push('posted');
        } catch (error) {
          outcomes.push(error);
          throw error;
        }
      },
    });
    await queue.start();
    const { job } = await queue.enqueue('post', {});
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('running'));
    store.failing = true;
    // 3.5 s of a 4 s lease gone without a renewal: under the margin (a quarter of the lease).
    clock.advance(3500);
    await flushAsync();
    ready.open();
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]).toBeInstanceOf(LeaseLostError);
    expect(posts).toEqual([]);
    store.failing = false;
    clock.advance(600);
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('succeeded'));
  });

  it('takes back at once, when it is the only worker, the jobs a dead process left running', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const store = new SqliteJobStore(handle.db);
    const posts: string[] = [];
    const queue = new JobQueue({
      store,
      clock,
      ids: randomIds,
      logger: silentLogger,
      soleWorker: true,
    });
    queues.push(queue);
    queue.register(postingHandler(posts, 'after restart', async () => {}));
    const { job } = await queue.enqueue('post', { n: 1 });
    // The process that claimed it was killed; its lease would last another hour.
    await store.claim('post', 'killed', 'old-lease', clock.now(), clock.now() + 3_600_000, 1);
    await queue.start();
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('succeeded'));
    expect(posts).toEqual(['after restart']);
    expect((await row(job.id)).attempts).toBe(2);
  });
});

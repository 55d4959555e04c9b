import { describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../db/connection';
import { FakeClock } from '../testing/fake-clock';
import { flushAsync, openTestDatabase } from '../testing/test-database';
import { backoffDelay } from './backoff';
import { PermanentJobError, type JobHandler } from './job-handler';
import { gate, queueTestBed, workHandler } from './testing/job-test-kit';

/*
 * Running jobs: once, retried with backoff, dead after the last attempt, by priority and
 * within each kind's concurrency. Cancelling, leases, progress, shutdown and retention:
 * job-queue-lifecycle.test.ts.
 */

let handle: DatabaseHandle;
const { makeQueue, row } = queueTestBed(() => handle);
const handler = workHandler;

describe('job queue', () => {
  it('runs a job once, and an idempotency key never adds a second job', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const { queue, events } = makeQueue(clock);
    const seen: number[] = [];
    queue.register(handler(async ({ n }) => void seen.push(n)));
    await queue.start();
    const first = await queue.enqueue('work', { n: 1 }, { idempotencyKey: 'k1' });
    const second = await queue.enqueue('work', { n: 2 }, { idempotencyKey: 'k1' });
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, job: { id: first.job.id } });
    await vi.waitFor(async () => expect((await row(first.job.id)).state).toBe('succeeded'));
    expect(seen).toEqual([1]);
    expect(events.of('jobs:progress').map((e) => e.state)).toEqual([
      'queued',
      'running',
      'succeeded',
    ]);
  });

  it('refuses data its handler cannot parse at enqueue time', async () => {
    handle = await openTestDatabase();
    const { queue } = makeQueue(new FakeClock());
    queue.register(handler(async () => {}));
    await expect(queue.enqueue('work', { n: 'x' })).rejects.toThrow();
    await expect(queue.enqueue('nobody', {})).rejects.toThrow(/No handler/);
  });

  it('retries with exponential backoff and full jitter, honouring not-before times', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const { queue } = makeQueue(clock);
    let calls = 0;
    queue.register(
      handler(
        async () => {
          calls += 1;
          if (calls < 3) throw new Error(`flaky ${calls}`);
          return { ok: true };
        },
        { backoff: { baseMs: 1000, capMs: 60_000 } },
      ),
    );
    await queue.start();
    const { job } = await queue.enqueue('work', { n: 1 });
    const start = clock.now();
    await vi.waitFor(async () => expect((await row(job.id)).attempts).toBe(1));
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('queued'));
    // random() = 0.5: half of base * 2^0.
    expect(await row(job.id)).toMatchObject({ not_before: start + 500, last_error: 'flaky 1' });
    clock.advance(499);
    await flushAsync();
    expect(calls).toBe(1);
    clock.advance(1);
    await vi.waitFor(async () => expect((await row(job.id)).attempts).toBe(2));
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('queued'));
    expect((await row(job.id)).not_before).toBe(start + 500 + 1000);
    clock.advance(1000);
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('succeeded'));
    expect(await row(job.id)).toMatchObject({ attempts: 3, result: '{"ok":true}' });
  });

  it('computes full-jitter delays within the exponential ceiling', () => {
    const policy = { baseMs: 1000, capMs: 10_000 };
    expect(backoffDelay(1, policy, () => 0.999)).toBe(999);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(2000);
    expect(backoffDelay(10, policy, () => 0.5)).toBe(5000);
    expect(backoffDelay(4, policy, () => 0)).toBe(0);
  });

  it('goes dead after the last attempt and keeps the last error', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const { queue } = makeQueue(clock, { random: () => 0 });
    const settled: string[] = [];
    queue.register(
      handler(
        async (_data, { attempt }) => {
          throw new Error(`disk full on attempt ${attempt}`);
        },
        { maxAttempts: 2, onSettled: (job) => void settled.push(`${job.state}:${job.lastError}`) },
      ),
    );
    await queue.start();
    const { job } = await queue.enqueue('work', { n: 1 });
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('dead'));
    expect(await row(job.id)).toMatchObject({ attempts: 2, last_error: 'disk full on attempt 2' });
    expect(settled).toEqual(['dead:disk full on attempt 2']);
  });

  it('sends a permanent failure or unreadable data straight to dead', async () => {
    handle = await openTestDatabase();
    const { queue } = makeQueue(new FakeClock());
    queue.register(
      handler(async ({ n }) => {
        if (n === 1) throw new PermanentJobError('The account was removed.');
      }),
    );
    await queue.start();
    const { job } = await queue.enqueue('work', { n: 1 });
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('dead'));
    expect(await row(job.id)).toMatchObject({
      attempts: 1,
      last_error: 'The account was removed.',
    });

    const { job: broken } = await queue.enqueue('work', { n: 2 });
    await handle.db
      .updateTable('jobs')
      .set({ data: '{"n":"two"}' })
      .where('id', '=', broken.id)
      .execute();
    await queue.enqueue('work', { n: 3 });
    await vi.waitFor(async () => expect((await row(broken.id)).state).toBe('dead'));
    expect((await row(broken.id)).last_error).toMatch(/could not be read/);
  });

  it('runs higher priorities first, then the oldest', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const { queue } = makeQueue(clock);
    const order: number[] = [];
    queue.register(handler(async ({ n }) => void order.push(n)));
    await queue.enqueue('work', { n: 1 }, { priority: 0 });
    clock.advance(1);
    await queue.enqueue('work', { n: 2 }, { priority: 5 });
    clock.advance(1);
    await queue.enqueue('work', { n: 3 }, { priority: 0 });
    clock.advance(1);
    await queue.enqueue('work', { n: 4 }, { priority: 5 });
    await queue.enqueue('work', { n: 5 }, { priority: 9, notBefore: clock.now() + 60_000 });
    await queue.start();
    await vi.waitFor(() => expect(order).toHaveLength(4));
    expect(order).toEqual([2, 4, 1, 3]);
    clock.advance(60_000);
    await vi.waitFor(() => expect(order).toEqual([2, 4, 1, 3, 5]));
  });

  it('limits concurrency per kind, across workers sharing the database', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const a = makeQueue(clock).queue;
    const b = makeQueue(clock).queue;
    let running = 0;
    let peak = 0;
    const hold = gate();
    const mk = (): JobHandler<{ n: number }> =>
      handler(
        async () => {
          running += 1;
          peak = Math.max(peak, running);
          await hold.opened;
          running -= 1;
        },
        { concurrency: 2 },
      );
    a.register(mk());
    b.register(mk());
    let otherRan = false;
    a.register({
      kind: 'other',
      maxAttempts: 1,
      parseData: (d) => d,
      run: async () => void (otherRan = true),
    });
    for (let n = 0; n < 5; n += 1) await a.enqueue('work', { n });
    await a.enqueue('other', {});
    await a.start();
    await b.start();
    await vi.waitFor(() => expect(otherRan).toBe(true));
    await flushAsync();
    expect(running).toBe(2);
    hold.open();
    await vi.waitFor(async () => {
      const done = await handle.db
        .selectFrom('jobs')
        .select('id')
        .where('state', '=', 'succeeded')
        .execute();
      expect(done).toHaveLength(6);
    });
    expect(peak).toBe(2);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/connection';
import { silentLogger } from '../logging/file-logger';
import { randomIds } from '../runtime/node-ports';
import { FakeClock } from '../testing/fake-clock';
import { flushAsync, openTestDatabase } from '../testing/test-database';
import { RecordingEventSink } from '../testing/test-engine';
import { backoffDelay } from './backoff';
import { PermanentJobError, type JobHandler } from './job-handler';
import { JobQueue } from './job-queue';
import { gate, jobRow } from './testing/job-test-kit';
import { SqliteJobStore } from './job-store';

let handle: DatabaseHandle;
const queues: JobQueue[] = [];

afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.shutdown(0);
  await handle?.close();
});

const dataSchema = z.object({ n: z.number() });

function makeQueue(
  clock: FakeClock,
  extra: Partial<ConstructorParameters<typeof JobQueue>[0]> = {},
) {
  const events = new RecordingEventSink();
  const queue = new JobQueue({
    store: new SqliteJobStore(handle.db),
    clock,
    ids: randomIds,
    logger: silentLogger,
    events,
    random: () => 0.5,
    ...extra,
  });
  queues.push(queue);
  return { queue, events };
}

function handler(
  run: JobHandler<{ n: number }>['run'],
  overrides: Partial<JobHandler<{ n: number }>> = {},
): JobHandler<{ n: number }> {
  return { kind: 'work', maxAttempts: 3, parseData: (d) => dataSchema.parse(d), run, ...overrides };
}

const row = (id: string) => jobRow(handle.db, id);

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

  it('cancels a queued job at once and stops a running one through its signal', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const { queue } = makeQueue(clock);
    const settled: string[] = [];
    let started = 0;
    queue.register(
      handler(
        (_data, { signal }) => {
          started += 1;
          return new Promise((_resolve, reject) => {
            signal.addEventListener('abort', () => reject(new Error('aborted')));
          });
        },
        { onSettled: (job, data) => void settled.push(`${data?.n}:${job.state}`) },
      ),
    );
    await queue.start();
    const running = await queue.enqueue('work', { n: 1 });
    const waiting = await queue.enqueue('work', { n: 2 });
    await vi.waitFor(async () => expect((await row(running.job.id)).state).toBe('running'));
    expect((await queue.cancel(waiting.job.id)).state).toBe('cancelled');
    expect((await queue.cancel(running.job.id)).cancelRequested).toBe(true);
    await vi.waitFor(async () => expect((await row(running.job.id)).state).toBe('cancelled'));
    await flushAsync();
    expect(started).toBe(1);
    expect(settled.sort()).toEqual(['1:cancelled', '2:cancelled']);
    await expect(queue.cancel('missing')).rejects.toThrow(/no longer exists/);
  });

  it('stops a job cancelled from another process at its next heartbeat', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const { queue } = makeQueue(clock);
    queue.register(
      handler(
        (_data, { signal }) =>
          new Promise((_resolve, reject) =>
            signal.addEventListener('abort', () => reject(new Error('stop'))),
          ),
        { leaseMs: 3000 },
      ),
    );
    await queue.start();
    const { job } = await queue.enqueue('work', { n: 1 });
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('running'));
    const other = new SqliteJobStore(handle.db);
    expect((await other.requestCancel(job.id, clock.now()))?.effect).toBe('flagged');
    clock.advance(1000);
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('cancelled'));
  });

  it('keeps a lease alive by heartbeats; an expired lease returns the job to the queue', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const store = new SqliteJobStore(handle.db);
    const { queue } = makeQueue(clock);
    const hold = gate();
    const runs: string[] = [];
    queue.register(
      handler(
        async (_d, { attempt }) => {
          runs.push(`attempt ${attempt}`);
          await hold.opened;
        },
        { leaseMs: 3000 },
      ),
    );
    // A worker that died: it leased the job and never came back.
    const { job } = await queue.enqueue('work', { n: 1 });
    const ghost = await store.claim(
      'work',
      'ghost',
      'ghost-lease',
      clock.now(),
      clock.now() + 3000,
      1,
    );
    expect(ghost?.id).toBe(job.id);
    await queue.start();
    await flushAsync();
    expect(runs).toEqual([]);
    clock.advance(3000);
    await vi.waitFor(() => expect(runs).toEqual(['attempt 2']));
    expect((await row(job.id)).last_error).toMatch(/stopped while this job was running/);

    // The live worker's heartbeats extend its lease far beyond one lease time.
    for (let i = 0; i < 10; i += 1) {
      clock.advance(1000);
      await flushAsync();
    }
    const live = await row(job.id);
    expect(live.state).toBe('running');
    expect(live.lease_expires_at).toBeGreaterThan(clock.now());
    // The dead worker cannot record an outcome any more.
    expect(
      await store.finish(job.id, 'ghost-lease', { state: 'succeeded', result: null }, clock.now()),
    ).toBeNull();
    hold.open();
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('succeeded'));
  });

  it('reports progress to listeners and to the table', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const { queue, events } = makeQueue(clock);
    const hold = gate();
    queue.register(
      handler(async (_d, { progress }) => {
        progress(0.25, 'Rendering');
        progress(0.251, 'Rendering');
        progress(0.5, 'Rendering');
        await hold.opened;
      }),
    );
    await queue.start();
    const { job } = await queue.enqueue('work', { n: 1 });
    await vi.waitFor(async () => expect((await row(job.id)).progress).toBe(0.5));
    expect(
      events
        .of('jobs:progress')
        .filter((e) => e.state === 'running' && e.progress !== null)
        .map((e) => e.progress),
    ).toEqual([0.25, 0.5]);
    hold.open();
    await vi.waitFor(async () => expect((await row(job.id)).progress).toBe(1));
  });

  it('drains on shutdown, and hands back what the grace time cut short', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const { queue } = makeQueue(clock);
    const hold = gate();
    let finished = false;
    queue.register(
      handler(async () => {
        await hold.opened;
        finished = true;
      }),
    );
    await queue.start();
    const { job } = await queue.enqueue('work', { n: 1 });
    await vi.waitFor(async () => expect((await row(job.id)).state).toBe('running'));
    const stopping = queue.shutdown(60_000);
    await flushAsync();
    hold.open();
    await stopping;
    expect(finished).toBe(true);
    expect((await row(job.id)).state).toBe('succeeded');

    const second = makeQueue(clock).queue;
    second.register(
      handler(
        (_d, { signal }) =>
          new Promise((_r, reject) =>
            signal.addEventListener('abort', () => reject(new Error('x'))),
          ),
      ),
    );
    await second.start();
    const { job: cut } = await second.enqueue('work', { n: 2 });
    await vi.waitFor(async () => expect((await row(cut.id)).state).toBe('running'));
    await second.shutdown(0);
    expect(await row(cut.id)).toMatchObject({ state: 'queued', attempts: 0, lease_owner: null });
    await expect(second.enqueue('work', { n: 3 })).resolves.toBeTruthy();
  });

  it('deletes final jobs after the retention time, and keeps the rest', async () => {
    handle = await openTestDatabase();
    const clock = new FakeClock();
    const { queue } = makeQueue(clock, { retentionMs: 86_400_000 });
    queue.register(handler(async () => {}));
    await queue.start();
    const { job: old } = await queue.enqueue('work', { n: 1 });
    await vi.waitFor(async () => expect((await row(old.id)).state).toBe('succeeded'));
    const { job: later } = await queue.enqueue(
      'work',
      { n: 2 },
      { notBefore: clock.now() + 2 * 86_400_000 },
    );
    clock.advance(86_400_000 + 3_600_000);
    await vi.waitFor(async () => expect(await queue.get(old.id)).toBeNull());
    expect((await row(later.id)).state).toBe('queued');
  });
});

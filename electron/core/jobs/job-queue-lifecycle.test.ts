import { describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../db/connection';
import { FakeClock } from '../testing/fake-clock';
import { flushAsync, openTestDatabase } from '../testing/test-database';
import { SqliteJobStore } from './job-store';
import { gate, queueTestBed, workHandler } from './testing/job-test-kit';

/*
 * A job's life around its run: cancelled (here or from another process), its lease kept or
 * lost, its progress reported, drained at shutdown, deleted after the retention time. Running
 * and retrying jobs: job-queue.test.ts.
 */

let handle: DatabaseHandle;
const { makeQueue, row } = queueTestBed(() => handle);
const handler = workHandler;

describe('job queue lifecycle', () => {
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

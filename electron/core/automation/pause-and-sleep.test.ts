import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/connection';
import type { ModuleCore } from '../engine-module';
import type { JobHandler } from '../jobs/job-handler';
import { PERSON_REQUESTED_PRIORITY } from '../jobs/job-priorities';
import { JobQueue } from '../jobs/job-queue';
import { SqliteJobStore } from '../jobs/job-store';
import { silentLogger } from '../logging/file-logger';
import type { EnginePorts, Notification, PowerEvents } from '../ports';
import { randomIds } from '../runtime/node-ports';
import { FakeClock } from '../testing/fake-clock';
import { flushAsync, openTestDatabase } from '../testing/test-database';
import { RecordingEventSink } from '../testing/test-engine';
import type { SettingsService } from '../settings/settings-module';
import { createAutomationModule } from './automation-module';

let handle: DatabaseHandle;
const stop: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of stop.splice(0).reverse()) await step();
  await handle?.close();
});

function manualPower() {
  const suspend = new Set<() => void>();
  const resume = new Set<() => void>();
  const power: PowerEvents = {
    onSuspend: (listener) => (suspend.add(listener), () => void suspend.delete(listener)),
    onResume: (listener) => (resume.add(listener), () => void resume.delete(listener)),
  };
  return {
    power,
    suspend: () => suspend.forEach((listener) => listener()),
    resume: () => resume.forEach((listener) => listener()),
  };
}

/** A job kind whose runs the test holds open and records, with progress saved between runs. */
function recordingHandler(kind: string) {
  const started: string[] = [];
  const saved = new Map<string, number>();
  const release = new Map<string, () => void>();
  const handler: JobHandler<{ name: string }> = {
    kind,
    maxAttempts: 3,
    parseData: (data) => z.object({ name: z.string() }).parse(data),
    async run({ name }, context) {
      started.push(`${name}@${saved.get(name) ?? 0}`);
      saved.set(name, (saved.get(name) ?? 0) + 50);
      await new Promise<void>((resolve, reject) => {
        release.set(name, resolve);
        context.signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    },
  };
  return { handler, started, finish: (name: string) => release.get(name)?.() };
}

async function setup() {
  handle = await openTestDatabase();
  const clock = new FakeClock();
  const events = new RecordingEventSink();
  const notifications: Notification[] = [];
  const { power, suspend, resume } = manualPower();
  const ports: EnginePorts = {
    clock,
    ids: randomIds,
    logger: silentLogger,
    paths: {
      dataDir: '/data',
      dbFile: ':memory:',
      logsDir: '/data/logs',
      mediaDir: '/data/media',
      cacheDir: '/data/cache',
      tempDir: '/data/tmp',
      resourcesDir: '/resources',
    },
    secrets: null as never,
    notifier: { notify: (n: Notification) => void notifications.push(n) },
    power,
    http: globalThis.fetch,
    events,
    desktop: null,
  };
  const core: ModuleCore = { ports, db: handle.db };
  const settings = { get: async () => ({ timeZone: 'UTC' }), onChange: () => {} };
  const automation = createAutomationModule(core, {
    settings: settings as unknown as SettingsService,
    options: { freeBytes: async () => Number.MAX_SAFE_INTEGER },
  });
  automation.holdRenders('render');
  automation.holdUploads('upload');
  const queue = new JobQueue({
    store: new SqliteJobStore(handle.db),
    clock,
    ids: randomIds,
    logger: silentLogger,
    holds: automation.jobHolds,
  });
  const renders = recordingHandler('render');
  const uploads = recordingHandler('upload');
  queue.register(renders.handler);
  queue.register(uploads.handler);
  const scheduler = { wake: vi.fn() };
  automation.pause.onChange(() => scheduler.wake());
  // The engine's order: automation recovers and starts before the queue.
  await automation.recover();
  await automation.start();
  await queue.start();
  stop.push(
    () => queue.shutdown(0),
    () => automation.stop(),
  );
  const state = async (id: string) =>
    (await handle.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
      .state;
  return {
    queue,
    automation: automation.service,
    renders,
    uploads,
    scheduler,
    suspend,
    resume,
    state,
    events,
  };
}

describe('pause all and sleep', () => {
  it('holds uploads and automatic renders while paused; a render the person asked for still runs', async () => {
    const t = await setup();
    const status = await t.automation.pause();
    expect(status).toMatchObject({ paused: true, state: 'paused' });
    expect(t.scheduler.wake).toHaveBeenCalled();

    const scheduled = (await t.queue.enqueue('render', { name: 'scheduled' })).job;
    const byHand = (
      await t.queue.enqueue('render', { name: 'by-hand' }, { priority: PERSON_REQUESTED_PRIORITY })
    ).job;
    const upload = (await t.queue.enqueue('upload', { name: 'post' })).job;
    await vi.waitFor(() => expect(t.renders.started).toEqual(['by-hand@0']));
    t.renders.finish('by-hand');
    await vi.waitFor(async () => expect(await t.state(byHand.id)).toBe('succeeded'));
    await flushAsync();
    expect(await t.state(scheduled.id)).toBe('queued');
    expect(await t.state(upload.id)).toBe('queued');
    expect(t.uploads.started).toEqual([]);

    await t.automation.resume();
    await vi.waitFor(() => expect(t.uploads.started).toEqual(['post@0']));
    await vi.waitFor(() => expect(t.renders.started).toEqual(['by-hand@0', 'scheduled@0']));
    expect(t.events.of('automation:status').map((s) => s.paused)).toEqual(
      expect.arrayContaining([true, false]),
    );
  });

  it('lets an upload that was running when paused finish', async () => {
    const t = await setup();
    const upload = (await t.queue.enqueue('upload', { name: 'post' })).job;
    await vi.waitFor(() => expect(t.uploads.started).toEqual(['post@0']));
    await t.automation.pause();
    t.uploads.finish('post');
    await vi.waitFor(async () => expect(await t.state(upload.id)).toBe('succeeded'));
  });

  it('sleep stops running uploads without spending an attempt; they continue after the wake', async () => {
    const t = await setup();
    const upload = (await t.queue.enqueue('upload', { name: 'post' })).job;
    await vi.waitFor(() => expect(t.uploads.started).toEqual(['post@0']));

    t.suspend();
    await vi.waitFor(async () => expect(await t.state(upload.id)).toBe('queued'));
    const row = await handle.db
      .selectFrom('jobs')
      .select(['attempts', 'last_error'])
      .where('id', '=', upload.id)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(0);
    expect(row.last_error).toContain('went to sleep');
    // Asleep: nothing new starts.
    t.queue.wake();
    await flushAsync();
    expect(t.uploads.started).toEqual(['post@0']);

    t.resume();
    await vi.waitFor(() => expect(t.uploads.started).toEqual(['post@0', 'post@50']));
    t.uploads.finish('post');
    await vi.waitFor(async () => expect(await t.state(upload.id)).toBe('succeeded'));
  });
});

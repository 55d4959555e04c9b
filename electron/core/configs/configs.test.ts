import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Config, ConfigRun } from '../../../shared/domain/configs';
import { createTestEngine, type TestEngine } from '../testing/test-engine';
import {
  createGenerationEngine,
  sampleConfig,
  type GenerationEngine,
} from './testing/generation-fixture';

let t: GenerationEngine | TestEngine | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

async function ok<T>(
  promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>,
): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

async function waitForRun(
  engine: GenerationEngine,
  id: string,
  states: string[],
): Promise<ConfigRun> {
  let found: ConfigRun | undefined;
  await vi.waitFor(
    async () => {
      const runs = await ok<ConfigRun[]>(engine.engine.invoke('configs:history', { limit: 50 }));
      found = runs.find((run) => run.id === id);
      expect(states).toContain(found?.state);
    },
    { timeout: 15_000, interval: 50 },
  );
  return found as ConfigRun;
}

describe('configs', () => {
  it('creates, reads, lists, updates, pauses, resumes and deletes', async () => {
    t = await createTestEngine();
    const defaults = await ok<{ schedule: { timeZone: string } }>(
      t.engine.invoke('configs:defaults', {}),
    );
    expect(defaults.schedule.timeZone).toBeTruthy();

    const created = await ok<Config>(
      t.engine.invoke(
        'configs:create',
        sampleConfig({ kind: 'daily', times: ['18:00'] }, 'Asia/Tokyo'),
      ),
    );
    // The fake clock starts at 2026-01-15 12:00 UTC = 21:00 in Tokyo: next is tomorrow 18:00 JST.
    expect(created).toMatchObject({
      active: true,
      nextRunAt: Date.parse('2026-01-16T09:00:00Z'),
      lastRun: null,
    });
    expect(t.events.of('configs:changed')).toHaveLength(1);

    const renamed = await ok<Config>(
      t.engine.invoke('configs:update', {
        id: created.id,
        config: { ...sampleConfig({ kind: 'hourly', minute: 15 }, 'UTC'), name: 'Renamed' },
      }),
    );
    expect(renamed).toMatchObject({
      name: 'Renamed',
      nextRunAt: Date.parse('2026-01-15T12:15:00Z'),
    });

    const paused = await ok<Config>(
      t.engine.invoke('configs:setActive', { id: created.id, active: false }),
    );
    expect(paused).toMatchObject({ active: false, nextRunAt: null });
    t.clock.advance(3 * 3_600_000);
    const resumed = await ok<Config>(
      t.engine.invoke('configs:setActive', { id: created.id, active: true }),
    );
    expect(resumed).toMatchObject({ active: true, nextRunAt: Date.parse('2026-01-15T15:15:00Z') });

    expect(await ok<Config[]>(t.engine.invoke('configs:list', {}))).toHaveLength(1);
    expect(await ok(t.engine.invoke('configs:delete', { id: created.id }))).toEqual({
      deleted: true,
    });
    expect(await t.engine.invoke('configs:get', { id: created.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('refuses an invalid config with field messages and saves nothing', async () => {
    t = await createTestEngine();
    const input = sampleConfig({ kind: 'cron', expression: '* * *' });
    const result = await t.engine.invoke('configs:create', input);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', details: { issues: [{ path: 'schedule.rule.expression' }] } },
    });
    expect(await ok<Config[]>(t.engine.invoke('configs:list', {}))).toEqual([]);
    const preview = await ok<{ occurrences: number[] }>(
      t.engine.invoke('configs:previewSchedule', {
        schedule: { ...input.schedule, rule: { kind: 'interval', everyMinutes: 30 } },
        count: 3,
      }),
    );
    expect(preview.occurrences).toEqual([
      Date.parse('2026-01-15T12:30:00Z'),
      Date.parse('2026-01-15T13:00:00Z'),
      Date.parse('2026-01-15T13:30:00Z'),
    ]);
  });

  it('says so when rendering is not part of the build', async () => {
    t = await createTestEngine({ options: { generation: null } });
    const config = await ok<Config>(
      t.engine.invoke('configs:create', sampleConfig({ kind: 'hourly', minute: 0 })),
    );
    expect(await t.engine.invoke('configs:executeNow', { id: config.id })).toMatchObject({
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: expect.stringContaining('Rendering is not available'),
      },
    });
  });

  it('runs now: renders each video, spreads them over accounts and keeps the history', async () => {
    const engine = await createGenerationEngine();
    t = engine;
    const input = sampleConfig({ kind: 'daily', times: ['09:00'] }, 'Europe/Paris');
    input.content.order = 'sequential';
    input.content.clipCount = 2;
    input.content.textOverlay.template = '{title} #{index}/{count} {date}';
    input.content.audio.source = { kind: 'tagged', tags: ['music'] };
    input.distribution = {
      strategy: 'roundRobin',
      accountIds: ['tt-1', 'yt-1', 'ig-1'],
      weights: {},
      videosPerRun: 2,
    };
    const config = await ok<Config>(engine.engine.invoke('configs:create', input));

    const started = await ok<ConfigRun>(
      engine.engine.invoke('configs:executeNow', { id: config.id }),
    );
    expect(started).toMatchObject({ trigger: 'manual', state: 'running', scheduledFor: null });
    const run = await waitForRun(engine, started.id, ['succeeded']);
    expect(run.videos.map((video) => video.accountIds)).toEqual([['tt-1'], ['yt-1']]);
    expect(run.videos.map((video) => video.mediaIds)).toEqual([
      ['clip-a', 'clip-b'],
      ['clip-c', 'clip-a'],
    ]);
    for (const video of run.videos) {
      expect(video).toMatchObject({ state: 'rendered', progress: 1, durationMs: 1000 });
      expect(existsSync(video.outputPath as string)).toBe(true);
    }
    expect(engine.renderer.plans.map((plan) => plan.textOverlay?.text).sort()).toEqual([
      'Beach A #1/2 2026-01-15',
      'Beach C #2/2 2026-01-15',
    ]);
    expect(engine.renderer.plans[0]?.audio?.track.id).toBe('song');

    // The next run continues the rotation of accounts and of media.
    const second = await ok<ConfigRun>(
      engine.engine.invoke('configs:executeNow', { id: config.id }),
    );
    const done = await waitForRun(engine, second.id, ['succeeded']);
    expect(done.videos.map((video) => video.accountIds)).toEqual([['ig-1'], ['tt-1']]);
    expect(done.videos[0]?.mediaIds).toEqual(['clip-b', 'clip-c']);

    const listed = await ok<Config[]>(engine.engine.invoke('configs:list', {}));
    expect(listed[0]?.lastRun).toMatchObject({ id: second.id, state: 'succeeded' });
    const history = await ok<ConfigRun[]>(
      engine.engine.invoke('configs:history', { configId: config.id, limit: 1 }),
    );
    expect(history.map((entry) => entry.id)).toEqual([second.id]);
    const updates = engine.events
      .of('configs:runUpdated')
      .filter((event) => event.id === started.id);
    expect(updates.map((event) => event.state)).toContain('running');
    expect(updates.at(-1)?.state).toBe('succeeded');
    expect(
      engine.events
        .of('jobs:progress')
        .some((event) => event.state === 'running' && (event.progress ?? 0) > 0),
    ).toBe(true);
  });

  it('records a failure in words when nothing in the library matches', async () => {
    const engine = await createGenerationEngine();
    t = engine;
    const input = sampleConfig({ kind: 'hourly', minute: 0 });
    input.content.sources = { tags: ['mountains'], folders: ['/library/alps'], itemIds: [] };
    const config = await ok<Config>(engine.engine.invoke('configs:create', input));
    const started = await ok<ConfigRun>(
      engine.engine.invoke('configs:executeNow', { id: config.id }),
    );
    const run = await waitForRun(engine, started.id, ['failed']);
    expect(run.error).toBe(
      "No media matches this config's sources: add photos or videos tagged mountains, or add media from /library/alps, or pick items.",
    );
    expect(run.videos[0]).toMatchObject({ state: 'failed' });
    expect(
      await ok(engine.engine.invoke('jobs:list', { states: ['dead'], limit: 5 })),
    ).toMatchObject([{ kind: 'render', attempts: 1 }]);
  });

  it('cancels a run: the render stops and the history says cancelled', async () => {
    const engine = await createGenerationEngine();
    t = engine;
    engine.renderer.gate = new Promise(() => {});
    const input = sampleConfig({ kind: 'hourly', minute: 0 });
    input.distribution.videosPerRun = 2;
    const config = await ok<Config>(engine.engine.invoke('configs:create', input));
    const started = await ok<ConfigRun>(
      engine.engine.invoke('configs:executeNow', { id: config.id }),
    );
    await vi.waitFor(async () => {
      const runs = await ok<ConfigRun[]>(engine.engine.invoke('configs:history', { limit: 5 }));
      expect(runs[0]?.videos[0]?.state).toBe('rendering');
    });
    await ok(engine.engine.invoke('configs:cancelRun', { runId: started.id }));
    const run = await waitForRun(engine, started.id, ['cancelled']);
    expect(run.videos.map((video) => video.state)).toEqual(['cancelled', 'cancelled']);
    expect(await ok(engine.engine.invoke('jobs:list', { limit: 5 }))).toMatchObject([
      { state: 'cancelled' },
      { state: 'cancelled' },
    ]);
  });
});

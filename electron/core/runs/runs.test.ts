import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Config, ConfigRun } from '../../../shared/domain/configs';
import { sampleConfig } from '../configs/testing/sample-config';
import { createTestEngine, ok, type TestEngine } from '../testing/test-engine';
import {
  createGenerationEngine,
  waitForRun,
  type GenerationEngine,
} from './testing/generation-engine';

let t: GenerationEngine | TestEngine | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

describe('runs', () => {
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
    input.content.textOverlay.enabled = true;
    input.content.textOverlay.template = '{title} #{index}/{count} {date}';
    input.content.audio.source = { kind: 'tagged', tags: ['music'] };
    input.distribution = {
      mode: 'spread',
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
    expect(await ok(engine.engine.invoke('jobs:list', { kind: 'render', limit: 5 }))).toMatchObject(
      [{ state: 'cancelled' }, { state: 'cancelled' }],
    );
  });
});

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BatchDetail, BatchSummary, CsvImportResult } from '../../../shared/domain/batch';
import type { Config, ConfigDraft } from '../../../shared/domain/configs';
import type { ImportReport } from '../../../shared/domain/media';
import { invokeOk } from '../accounts/testing/accounts-test-kit';
import {
  createDistributionWorld,
  type DistributionWorld,
} from '../distribution/testing/distribution-world';

let world: DistributionWorld;
let config: Config;
let draft: ConfigDraft;
beforeAll(async () => {
  // `generation: undefined`: the built-in render engine over the engine's media library.
  world = await createDistributionWorld({ generation: undefined });
  const image = join(world.t.dataDir, 'photo.png');
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=540x960', '-frames:v', '1'],
    ...['-y', image],
  ]);
  const report = await invokeOk<ImportReport>(world.t, 'media:import', { paths: [image] });
  const defaults = await invokeOk<ConfigDraft>(world.t, 'configs:defaults', {});
  config = await invokeOk<Config>(world.t, 'configs:create', {
    ...defaults,
    name: 'Topics',
    content: {
      ...defaults.content,
      sources: { tags: [], folders: [], itemIds: [report.imported[0]!.id] },
      clipCount: 1,
      lengthSeconds: 3,
      transition: { type: 'none', durationMs: 0 },
      textOverlay: { ...defaults.content.textOverlay, enabled: false },
    },
    platforms: {
      ...defaults.platforms,
      x: { ...defaults.platforms.x, enabled: true, captionTemplate: 'From the config' },
    },
    distribution: {
      mode: 'spread',
      strategy: 'roundRobin',
      accountIds: [world.accounts.x.id],
      weights: {},
      videosPerRun: 3,
    },
  } satisfies ConfigDraft);
  const {
    id: _id,
    active: _a,
    nextRunAt: _n,
    lastRun: _l,
    createdAt: _c,
    updatedAt: _u,
    ...rest
  } = config;
  draft = { ...rest, distribution: { ...rest.distribution, accountIds: [], videosPerRun: 1 } };
}, 30_000);
afterAll(async () => {
  await world.dispose();
});

async function waitDone(id: string): Promise<BatchDetail> {
  let detail: BatchDetail | null = null;
  await vi.waitFor(
    async () => {
      detail = await invokeOk<BatchDetail>(world.t, 'batch:get', { id });
      expect(detail.batch.state).toBe('done');
    },
    { timeout: 60_000, interval: 100 },
  );
  return detail!;
}

describe('runs started under a request key', () => {
  it('a second start with the same key returns the run started first', async () => {
    const execution = world.t.engine.services.execution;
    const [first, second] = await Promise.all([
      execution.startRunOnce('test-key-1', config.id, draft),
      execution.startRunOnce('test-key-1', config.id, draft),
    ]);
    const third = await execution.startRunOnce('test-key-1', config.id, draft);
    expect(second.id).toBe(first.id);
    expect(third.id).toBe(first.id);
    const runs = await world.t.engine.database.db
      .selectFrom('config_runs')
      .select('id')
      .where('request_key', '=', 'test-key-1')
      .execute();
    expect(runs).toHaveLength(1);
    await world.t.engine.services.jobs.idle();
  }, 60_000);
});

describe('generate batches', () => {
  it('one video per topic: the topic reaches the post, each item renders and posts once', async () => {
    const before = world.emulators.emulators.x.state.tweets.size;
    const created = await invokeOk<BatchSummary>(world.t, 'batch:createGenerate', {
      name: 'Two topics',
      configId: config.id,
      mode: 'topics',
      topics: ['Tide pools', 'Night swim'],
      templates: { caption: 'Today: {topic} ({config})', title: '', overlay: '' },
      distribute: true,
      concurrency: 2,
    });
    expect(created).toMatchObject({ kind: 'generate', counts: { total: 2 } });
    const done = await waitDone(created.id);
    // A second start of an item (its job run again after a crash) finds the same run.
    const again = await Promise.all(
      done.items.map((item) =>
        world.t.engine.services.execution.startRunOnce(`batch-item:${item.id}`, config.id, draft),
      ),
    );
    expect(done.items.map((i) => i.state)).toEqual(['succeeded', 'succeeded']);
    expect(done.items.map((i) => i.runId)).toEqual(again.map((run) => run.id));
    expect(done.items[0]!.message).toBe('Rendered and posted to 1 account.');
    // One run of one video per item, whatever the config's videos per run.
    const runs = await world.t.engine.database.db
      .selectFrom('config_runs')
      .innerJoin('config_run_videos', 'config_run_videos.run_id', 'config_runs.id')
      .select(['config_runs.request_key'])
      .where('config_runs.request_key', 'like', 'batch-item:%')
      .execute();
    expect(runs).toHaveLength(2);
    await world.t.engine.services.jobs.idle();
    const tweets = [...world.emulators.emulators.x.state.tweets.values()].slice(before);
    expect(tweets.map((t) => t.text).sort()).toEqual([
      'Today: Night swim (Topics)',
      'Today: Tide pools (Topics)',
    ]);
    // The config itself is unchanged.
    const after = await invokeOk<Config>(world.t, 'configs:get', { id: config.id });
    expect(after.platforms.x.captionTemplate).toBe('From the config');
  }, 90_000);

  it('N videos rendered only: no post, and a topic variable without topics is refused', async () => {
    const before = world.emulators.emulators.x.state.tweets.size;
    const refused = await world.t.engine.invoke('batch:createGenerate', {
      name: 'Bad',
      configId: config.id,
      mode: 'count',
      count: 2,
      templates: { caption: '{topic}', title: '', overlay: '' },
      distribute: false,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('{topic}, which only a topic list fills') },
    });
    const created = await invokeOk<BatchSummary>(world.t, 'batch:createGenerate', {
      name: 'Two renders',
      configId: config.id,
      mode: 'count',
      count: 2,
      distribute: false,
    });
    const done = await waitDone(created.id);
    expect(done.items.map((i) => [i.state, i.message])).toEqual([
      ['succeeded', 'Rendered.'],
      ['succeeded', 'Rendered.'],
    ]);
    await world.t.engine.services.jobs.idle();
    expect(world.emulators.emulators.x.state.tweets.size).toBe(before);
  }, 90_000);

  it('cancelling stops the renders: nothing is posted', async () => {
    const before = world.emulators.emulators.x.state.tweets.size;
    const created = await invokeOk<BatchSummary>(world.t, 'batch:createGenerate', {
      name: 'Cancelled',
      configId: config.id,
      mode: 'count',
      count: 3,
      distribute: true,
      concurrency: 1,
    });
    await vi.waitFor(
      async () => {
        const detail = await invokeOk<BatchDetail>(world.t, 'batch:get', { id: created.id });
        expect(detail.items[0]!.runId).not.toBeNull();
      },
      { timeout: 30_000, interval: 20 },
    );
    const result = await invokeOk<{ cancelled: number }>(world.t, 'batch:cancel', {
      id: created.id,
    });
    expect(result.cancelled).toBe(3);
    await world.t.engine.services.jobs.idle();
    const detail = await invokeOk<BatchDetail>(world.t, 'batch:get', { id: created.id });
    expect(detail.items.map((i) => i.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(detail.items[0]!.message).toContain('posts already out stay');
    expect(world.emulators.emulators.x.state.tweets.size).toBe(before);
  }, 90_000);
});

describe('CSV rows naming a config', () => {
  it('renders the row’s video once from the config and posts it once to the row’s account', async () => {
    const before = world.emulators.emulators.x.state.tweets.size;
    const csv = [
      'account,platform,config,caption,hashtags,external_id',
      `${world.accounts.x.handle},x,Topics,Rendered on demand,#fresh,cfg-row-1`,
    ].join('\n');
    const result = await invokeOk<CsvImportResult>(world.t, 'batch:importCsv', {
      fileName: 'from-config.csv',
      text: csv,
    });
    expect(result.created).toBe(1);
    expect(result.preview.rows[0]).toMatchObject({ ok: true, media: 'Rendered from Topics' });
    const done = await waitDone(result.batch!.id);
    const item = done.items[0]!;
    expect(item).toMatchObject({ state: 'succeeded', message: expect.stringMatching(/posted/i) });
    expect(item.runId).not.toBeNull();
    expect(item.targetId).not.toBeNull();

    // One run of one video under the item's request key, with no accounts and the row's text.
    const runs = await world.t.engine.database.db
      .selectFrom('config_runs')
      .select(['id', 'snapshot'])
      .where('request_key', 'like', `batch-item:${item.id}%`)
      .execute();
    expect(runs.map((r) => r.id)).toEqual([item.runId]);
    const snapshot = JSON.parse(runs[0]!.snapshot) as { config: ConfigDraft };
    expect(snapshot.config.distribution).toMatchObject({ accountIds: [], videosPerRun: 1 });
    expect(snapshot.config.platforms.x.captionTemplate).toBe('Rendered on demand');
    const run = await world.t.engine.services.execution.requireRun(item.runId!);
    expect(run.videos).toHaveLength(1);
    expect(run.videos[0]!.accountIds).toEqual([]);

    // A second start under the same key (a crash, a second delivery) finds the same run.
    const again = await world.t.engine.services.execution.startRunOnce(
      `batch-item:${item.id}`,
      config.id,
      draft,
    );
    expect(again.id).toBe(item.runId);

    // Posted through distribution as a media row's item: the library video, one target.
    await world.t.engine.services.jobs.idle();
    const targets = await world.t.engine.database.db
      .selectFrom('distribution_targets')
      .innerJoin('distribution_videos', 'distribution_videos.id', 'distribution_targets.video_id')
      .select(['distribution_targets.id', 'distribution_videos.id as videoId'])
      .where('distribution_targets.account_id', '=', world.accounts.x.id)
      .where('distribution_targets.id', '=', item.targetId!)
      .execute();
    expect(targets).toHaveLength(1);
    expect(targets[0]!.videoId).toBe(`media:${item.mediaId}`);
    const tweets = [...world.emulators.emulators.x.state.tweets.values()].slice(before);
    expect(tweets.map((t) => t.text)).toEqual(['Rendered on demand\n\n#fresh']);

    // The same file again creates nothing and posts nothing.
    const second = await invokeOk<CsvImportResult>(world.t, 'batch:importCsv', {
      fileName: 'from-config.csv',
      text: csv,
    });
    expect(second).toMatchObject({ created: 0, batch: null });
    await world.t.engine.services.jobs.idle();
    expect(world.emulators.emulators.x.state.tweets.size).toBe(before + 1);
  }, 90_000);
});

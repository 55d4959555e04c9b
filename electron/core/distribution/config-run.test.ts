import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Config, ConfigDraft, ConfigRun } from '../../../shared/domain/configs';
import type { DistributionVideo } from '../../../shared/domain/distribution';
import type { ImportReport } from '../../../shared/domain/media';
import { invokeOk } from '../accounts/testing/accounts-test-kit';
import type { VideoFacts } from '../platforms/platform-adapter';
import { createDistributionWorld, type DistributionWorld } from './testing/distribution-world';

let world: DistributionWorld;
beforeAll(async () => {
  // `generation: undefined`: the built-in render engine over the engine's media library.
  world = await createDistributionWorld({ generation: undefined });
}, 30_000);
afterAll(async () => {
  await world.dispose();
});

describe('a config run through render to posts', () => {
  it('renders, gives each video its target from the strategy and templates, and posts it', async () => {
    const image = join(world.t.dataDir, 'photo.png');
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1080x1920', '-frames:v', '1'],
      ...['-y', image],
    ]);
    const report = await invokeOk<ImportReport>(world.t, 'media:import', { paths: [image] });
    const photo = report.imported[0]!;

    const defaults = await invokeOk<ConfigDraft>(world.t, 'configs:defaults', {});
    const draft: ConfigDraft = {
      ...defaults,
      name: 'Launch',
      content: {
        ...defaults.content,
        sources: { tags: [], folders: [], itemIds: [photo.id] },
        clipCount: 1,
        lengthSeconds: 3,
        transition: { type: 'none', durationMs: 0 },
        textOverlay: { ...defaults.content.textOverlay, enabled: false },
      },
      platforms: {
        ...defaults.platforms,
        youtube: {
          ...defaults.platforms.youtube,
          enabled: true,
          titleTemplate: '{config} #{index}',
          hashtags: ['shorts'],
          privacy: 'private',
        },
        x: { ...defaults.platforms.x, enabled: true, captionTemplate: 'New: {config}' },
      },
      distribution: {
        mode: 'spread',
        strategy: 'roundRobin',
        accountIds: [world.accounts.youtube.id, world.accounts.x.id],
        weights: {},
        videosPerRun: 2,
      },
    };
    const config = await invokeOk<Config>(world.t, 'configs:create', draft);
    const run = await invokeOk<ConfigRun>(world.t, 'configs:executeNow', { id: config.id });

    let videos: DistributionVideo[] = [];
    await vi.waitFor(
      async () => {
        videos = await invokeOk<DistributionVideo[]>(world.t, 'distribution:list', {});
        const targets = videos.flatMap((v) => v.targets);
        expect(targets.map((t) => t.state)).toEqual(['success', 'success']);
      },
      { timeout: 60_000, interval: 100 },
    );
    expect(videos.every((v) => v.configId === config.id)).toBe(true);
    // Each card knows its run, for a name that tells runs apart ("Launch · Jan 15 12:00 · 1 of 2").
    expect(videos.map((v) => v.run).sort((a, b) => a!.position - b!.position)).toEqual([
      { configName: 'Launch', at: run.createdAt, position: 0, count: 2 },
      { configName: 'Launch', at: run.createdAt, position: 1, count: 2 },
    ]);
    const targets = videos.flatMap((v) => v.targets);
    const youtube = targets.find((t) => t.platform === 'youtube')!;
    const x = targets.find((t) => t.platform === 'x')!;
    const db = world.t.engine.database.db;
    const rows = await db.selectFrom('distribution_targets').selectAll().execute();
    const ytRow = rows.find((r) => r.id === youtube.id)!;
    expect(JSON.parse(ytRow.settings)).toMatchObject({
      title: 'Launch #1',
      caption: expect.stringContaining('#shorts'),
      privacy: 'private',
    });
    // X got the render engine's scaled copy: at most 1280x1024.
    const xRow = rows.find((r) => r.id === x.id)!;
    expect(xRow.file_path).toMatch(/\.x\.mp4$/);
    const xFacts = JSON.parse(xRow.facts ?? '{}') as VideoFacts;
    expect(xFacts.height).toBeLessThanOrEqual(1024);
    expect([...world.emulators.emulators.x.state.tweets.values()].at(-1)?.text).toContain(
      'New: Launch',
    );
    expect(run.videos).toHaveLength(2);

    // A restart hands over only what was never handed over: nothing here, nothing posted twice.
    const tweets = world.emulators.emulators.x.state.tweets.size;
    const replayed = await world.t.engine.services.execution.replayRendered(0, (id) =>
      world.t.engine.services.distribution.hasRunVideo(id),
    );
    expect(replayed).toBe(0);
    await world.t.engine.services.jobs.idle();
    expect(world.emulators.emulators.x.state.tweets.size).toBe(tweets);
  }, 90_000);
});

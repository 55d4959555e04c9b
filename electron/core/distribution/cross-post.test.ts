import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Config, ConfigDraft, ConfigRun } from '../../../shared/domain/configs';
import type { DistributionVideo } from '../../../shared/domain/distribution';
import type { ImportReport } from '../../../shared/domain/media';
import { platformIds } from '../../../shared/domain/platforms';
import { invokeOk } from '../accounts/testing/accounts-test-kit';
import { createDistributionWorld, type DistributionWorld } from './testing/distribution-world';

let world: DistributionWorld;
beforeAll(async () => {
  // The real render engine over the library, at 540x960 (every platform accepts it) to be quick.
  world = await createDistributionWorld({ generation: undefined, renderHeight: 960 });
}, 30_000);
afterAll(async () => {
  await world.dispose();
});

let photos = 0;
/** A photo of its own (the library would take the same picture twice as a duplicate). */
async function importPhoto(name: string): Promise<string> {
  const image = join(world.t.dataDir, `${name}.png`);
  photos += 1;
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=540x960,hue=h=${photos * 50}`],
    ...['-frames:v', '1'],
    ...['-y', image],
  ]);
  const report = await invokeOk<ImportReport>(world.t, 'media:import', { paths: [image] });
  return report.imported[0]!.id;
}

/** A one-photo, 3 s config from the engine's defaults (a new config cross-posts). */
async function draftFor(
  name: string,
  photoId: string,
  platforms: Partial<ConfigDraft['platforms']>,
): Promise<ConfigDraft> {
  const defaults = await invokeOk<ConfigDraft>(world.t, 'configs:defaults', {});
  return {
    ...defaults,
    name,
    content: {
      ...defaults.content,
      sources: { tags: [], folders: [], itemIds: [photoId] },
      clipCount: 1,
      lengthSeconds: 3,
      transition: { type: 'none', durationMs: 0 },
    },
    platforms: { ...defaults.platforms, ...platforms },
    distribution: {
      ...defaults.distribution,
      accountIds: platformIds.map((p) => world.accounts[p].id),
    },
  };
}

async function waitForTargets(configId: string, count: number): Promise<DistributionVideo[]> {
  let videos: DistributionVideo[] = [];
  await vi.waitFor(
    async () => {
      const all = await invokeOk<DistributionVideo[]>(world.t, 'distribution:list', {});
      videos = all.filter((v) => v.configId === configId);
      const targets = videos.flatMap((v) => v.targets);
      expect(targets).toHaveLength(count);
      expect(targets.every((t) => t.state === 'success' || t.state === 'failed')).toBe(true);
    },
    { timeout: 60_000, interval: 100 },
  );
  return videos;
}

async function runOf(configId: string): Promise<ConfigRun> {
  const [run] = await invokeOk<ConfigRun[]>(world.t, 'configs:history', { configId, limit: 1 });
  return run!;
}

describe('cross-posting a config run', () => {
  it('posts the video to every chosen account, once each, on all five platforms', async () => {
    expect((await invokeOk<ConfigDraft>(world.t, 'configs:defaults', {})).distribution.mode).toBe(
      'crossPost',
    );
    const photo = await importPhoto('sunrise');
    const defaults = await invokeOk<ConfigDraft>(world.t, 'configs:defaults', {});
    const enabled = Object.fromEntries(
      platformIds.map((p) => [
        p,
        {
          ...defaults.platforms[p],
          enabled: true,
          captionTemplate: 'Sunrise over the bay',
          ...(p === 'youtube' ? { titleTemplate: '{config}' } : {}),
        },
      ]),
    ) as ConfigDraft['platforms'];
    const config = await invokeOk<Config>(
      world.t,
      'configs:create',
      await draftFor('Every network', photo, enabled),
    );
    const e = world.emulators.emulators;
    const before = [
      e.youtube.state.videos.size,
      e.tiktok.state.posts.size,
      e.instagram.state.media.size,
      e.x.state.tweets.size,
    ];
    await invokeOk<ConfigRun>(world.t, 'configs:executeNow', { id: config.id });

    const videos = await waitForTargets(config.id, 5);
    expect(videos).toHaveLength(1);
    const targets = videos[0]!.targets;
    expect(targets.map((t) => t.state)).toEqual(Array(5).fill('success'));
    expect(new Set(targets.map((t) => t.accountId)).size).toBe(5);
    expect(new Set(targets.map((t) => t.platform))).toEqual(new Set(platformIds));
    expect([
      e.youtube.state.videos.size,
      e.tiktok.state.posts.size,
      e.instagram.state.media.size,
      e.x.state.tweets.size,
    ]).toEqual(before.map((n) => n + 1));

    // The run and the config's last run say what became of the posts, not only the render.
    await vi.waitFor(async () =>
      expect((await runOf(config.id)).posts).toEqual({
        total: 5,
        posted: 5,
        failed: 0,
        inProgress: 0,
        platforms: 5,
        problems: [],
      }),
    );
    const listed = await invokeOk<Config>(world.t, 'configs:get', { id: config.id });
    expect(listed.lastRun).toMatchObject({ state: 'succeeded', posts: { posted: 5, total: 5 } });
    const pushed = world.t.events
      .of('configs:changed')
      .filter((event) => event.id === config.id)
      .at(-1);
    expect(pushed?.config?.lastRun?.posts.posted).toBe(5);

    // Handing the same video over again (a restart, a replay) makes no second target or post.
    const run = await runOf(config.id);
    const video = run.videos[0]!;
    const again = await world.t.engine.services.distribution.distributeRunVideo({
      runVideoId: video.id,
      configId: config.id,
      config: await draftFor('Every network', photo, enabled),
      outputPath: video.outputPath!,
      position: 0,
      count: 1,
      accountIds: video.accountIds,
      at: run.createdAt,
      title: 'sunrise',
    });
    expect(again.map((t) => t.id).sort()).toEqual(targets.map((t) => t.id).sort());
    await world.t.engine.services.jobs.idle();
    expect(e.x.state.tweets.size).toBe(before[3]! + 1);
    expect(e.youtube.state.videos.size).toBe(before[0]! + 1);
  }, 90_000);
});

describe('platform rules checked when the posts are made', () => {
  it('makes a post whose text breaks a rule failed at once, in words, and never uploads it', async () => {
    // Saving counts {title} as 40 characters: 235 + 1 + 40 = 276 fits X's 280. The clip's real
    // name has 60, so the post would have 296: the engine's check at target creation catches it.
    const longName = 'a-clip-whose-file-name-is-far-longer-than-the-editor-assumed';
    expect(longName).toHaveLength(60);
    const photo = await importPhoto(longName);
    const defaults = await invokeOk<ConfigDraft>(world.t, 'configs:defaults', {});
    const draft = await draftFor('Too long for X', photo, {
      tiktok: { ...defaults.platforms.tiktok, enabled: true, captionTemplate: 'Fine here' },
      x: { ...defaults.platforms.x, enabled: true, captionTemplate: `${'b'.repeat(235)} {title}` },
    });
    draft.distribution.accountIds = [world.accounts.tiktok.id, world.accounts.x.id];
    const config = await invokeOk<Config>(world.t, 'configs:create', draft);
    const xMedia = world.emulators.emulators.x.state.media.size;
    const tweets = world.emulators.emulators.x.state.tweets.size;

    await invokeOk<ConfigRun>(world.t, 'configs:executeNow', { id: config.id });
    const [video] = await waitForTargets(config.id, 2);
    const x = video!.targets.find((t) => t.platform === 'x')!;
    const tiktok = video!.targets.find((t) => t.platform === 'tiktok')!;
    expect(tiktok.state).toBe('success');
    expect(x).toMatchObject({ state: 'failed', errorKind: 'content', attempts: 0 });
    expect(x.errorMessage).toBe(
      'The post has 296 characters (links count 23, emoji and most CJK count 2); X allows 280. Shorten it.',
    );
    expect(x.suggestedAction).toMatch(/text to fit the platform/);
    // Nothing went to X: no media upload, no tweet, no upload job.
    expect(world.emulators.emulators.x.state.media.size).toBe(xMedia);
    expect(world.emulators.emulators.x.state.tweets.size).toBe(tweets);
    expect((await world.target(x.id)).job_id).toBeNull();

    // The run shows the failed post and why.
    await vi.waitFor(async () =>
      expect((await runOf(config.id)).posts).toMatchObject({ total: 2, posted: 1, failed: 1 }),
    );
    expect((await runOf(config.id)).posts.problems).toEqual([
      `X ${world.accounts.x.handle}: ${x.errorMessage}`,
    ]);
  }, 90_000);
});

describe('Run now', () => {
  it('refuses a second run while the config has one starting or rendering, in words', async () => {
    const photo = await importPhoto('harbour');
    const config = await invokeOk<Config>(
      world.t,
      'configs:create',
      await draftFor('One at a time', photo, {}),
    );
    // Two windows (or two clicks) at once: exactly one run starts.
    const answers = await Promise.all([
      world.t.engine.invoke('configs:executeNow', { id: config.id }),
      world.t.engine.invoke('configs:executeNow', { id: config.id }),
    ]);
    const started = answers.filter((a) => a.ok);
    const refused = answers.filter((a) => !a.ok);
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(
          /^“One at a time” already has a run (starting|rendering \(0 of 1 videos done\))\. Wait for it to finish, or cancel it in the config's history, then run it again\.$/,
        ),
      },
    });
    const history = await invokeOk<ConfigRun[]>(world.t, 'configs:history', {
      configId: config.id,
      limit: 10,
    });
    expect(history).toHaveLength(1);

    // Once it has rendered, Run now starts the next one.
    await vi.waitFor(async () => expect((await runOf(config.id)).state).toBe('succeeded'), {
      timeout: 60_000,
      interval: 100,
    });
    await invokeOk<ConfigRun>(world.t, 'configs:executeNow', { id: config.id });
    expect(
      await invokeOk<ConfigRun[]>(world.t, 'configs:history', { configId: config.id, limit: 10 }),
    ).toHaveLength(2);
  }, 120_000);
});

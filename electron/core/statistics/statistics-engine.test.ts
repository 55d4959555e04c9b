import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dashboard, ExportFile, RebuildStatus } from '../../../shared/domain/statistics';
import { invokeOk } from '../accounts/testing/accounts-test-kit';
import {
  createDistributionWorld,
  type DistributionWorld,
} from '../distribution/testing/distribution-world';
import { storedRollups } from './testing/rollup-oracle';

let world: DistributionWorld;
beforeAll(async () => {
  world = await createDistributionWorld();
}, 30_000);
afterAll(async () => {
  await world.dispose();
});

const week = { period: { kind: 'preset', preset: '7d' }, filters: {} };
const dashboard = () => invokeOk<Dashboard>(world.t, 'statistics:dashboard', week);
const status = () => invokeOk<RebuildStatus>(world.t, 'statistics:status', {});

describe('statistics in the engine', () => {
  it('follow posts and their metrics as the pipeline writes them', async () => {
    expect((await dashboard()).hasHistory).toBe(false);
    world.emulators.emulators.instagram.state.rejectNextWith = 'The video could not be processed';
    const targets = await world.post(['youtube', 'tiktok', 'instagram', 'facebook', 'x']);
    for (const target of targets) {
      await vi.waitFor(
        async () => expect((await world.target(target.id)).state).toMatch(/success|failed/),
        { timeout: 8000 },
      );
    }
    await world.t.engine.services.jobs.idle();
    let figures = await dashboard();
    expect(figures.hasHistory).toBe(true);
    expect(figures.current.posts).toMatchObject({ succeeded: 4, failed: 1, pending: 0 });

    // The failed post, retried by hand and published, moves from failed to published.
    const instagram = targets.find((t) => t.platform === 'instagram')!;
    await invokeOk(world.t, 'distribution:retry', { targetId: instagram.id });
    await world.waitForState(instagram.id, 'success');
    expect((await dashboard()).current.posts).toMatchObject({
      succeeded: 5,
      failed: 0,
      retries: 1,
    });

    // The audience shows up on each platform in its own fields; the next polls read it.
    const e = world.emulators.emulators;
    for (const v of e.youtube.state.videos.values()) {
      Object.assign(v.statistics, { viewCount: '1000', likeCount: '50', commentCount: '5' });
    }
    for (const m of e.instagram.state.media.values()) {
      Object.assign(m.insights, { views: 500, likes: 40, comments: 4, shares: 3, saved: 7 });
    }
    for (const r of e.facebook.state.reels.values()) r.insights.blue_reels_play_count = 300;
    for (const t of e.x.state.tweets.values()) {
      Object.assign(t.publicMetrics, {
        impression_count: 800,
        like_count: 8,
        reply_count: 1,
        retweet_count: 2,
        bookmark_count: 3,
      });
    }
    await world.tick(3_600_000 + 120_000);
    await vi.waitFor(
      async () => expect((await dashboard()).current.engagement.views.sum).toBe(2600),
      { timeout: 8000 },
    );
    figures = await dashboard();
    // A private TikTok post has no public id to read metrics by: its views are not reported.
    expect(figures.current.engagement.views.posts).toBe(4);
    // Only Instagram and X report saves; the others are "not reported", not 0.
    expect(figures.current.engagement.saves).toEqual({ sum: 10, posts: 2 });
    const platform = (id: string) => figures.byPlatform.find((p) => p.platform === id)!;
    expect(platform('tiktok').engagement.views).toEqual({ sum: null, posts: 0 });
    expect(platform('tiktok').engagement.saves).toEqual({ sum: null, posts: 0 });
    expect(platform('facebook').engagement.likes).toEqual({ sum: null, posts: 0 });
    // Facebook reports plays only: left out of the engagement rate instead of lowering it.
    expect(figures.current.engagement.ratedViews).toBe(1000 + 500 + 800);
    expect(figures.current.engagement.ratedInteractions).toBe(55 + 54 + 14);
    expect(figures.byAccount.find((a) => a.platform === 'youtube')?.handle).toBe(
      world.accounts.youtube.handle,
    );

    // New readings are announced to the UI, at most every two seconds.
    world.clock.advance(2_000);
    expect(world.t.events.of('statistics:updated').length).toBeGreaterThan(0);
  });

  it('rebuild from the raw tables to the same rollups, on the queue', async () => {
    await world.t.engine.services.jobs.idle();
    const before = await storedRollups(world.t.engine.database.db);
    const queued = await invokeOk<RebuildStatus>(world.t, 'statistics:rebuild', {});
    expect(queued.state).toMatch(/queued|running|ready/);
    await vi.waitFor(async () => expect((await status()).state).toBe('ready'), { timeout: 8000 });
    expect((await status()).builtAt).not.toBeNull();
    expect(await storedRollups(world.t.engine.database.db)).toEqual(before);
    const progress = world.t.events.of('statistics:rebuild');
    expect(progress.some((p) => p.state === 'running')).toBe(true);
    expect(progress.at(-1)?.state).toBe('ready');
  });

  it('follow the Settings time zone: a new zone rebuilds them in it', async () => {
    const settings = await world.t.engine.services.settings.get();
    const zone = settings.timeZone === 'Pacific/Auckland' ? 'America/Denver' : 'Pacific/Auckland';
    await invokeOk(world.t, 'settings:update', { timeZone: zone });
    await vi.waitFor(
      async () => expect(await status()).toMatchObject({ state: 'ready', timeZone: zone }),
      { timeout: 8000 },
    );
    const figures = await dashboard();
    expect(figures.period.timeZone).toBe(zone);
    expect(figures.current.posts.succeeded).toBe(5);
  });

  it('export the shown figures and the posts as CSV', async () => {
    const figures = await invokeOk<ExportFile>(world.t, 'statistics:export', {
      ...week,
      what: 'figures',
    });
    expect(figures.mimeType).toBe('text/csv');
    const rows = parse(figures.content, { bom: true, relax_column_count: true }) as string[][];
    expect(rows).toContainEqual(['Filters', 'none (every platform, account and config)']);
    expect(rows).toContainEqual(['Posts published', '5', '0', 'new', '']);
    expect(rows).toContainEqual(['Views', '2600', '', '—', '4']);
    const posts = await invokeOk<ExportFile>(world.t, 'statistics:export', {
      ...week,
      filters: { platform: 'x' },
      what: 'posts',
    });
    expect(posts.rows).toBe(1);
  });
});

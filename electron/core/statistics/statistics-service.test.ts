import { afterEach, describe, expect, it } from 'vitest';
import { kpiChange, kpiDefinition } from '../../../shared/domain/statistics-kpis';
import {
  accounts,
  closeStatisticsWorld,
  openStatisticsWorld,
  videos,
} from './testing/statistics-world';

afterEach(closeStatisticsWorld);

const HOUR = 3_600_000;
const week = { period: { kind: 'preset', preset: '7d' } as const, filters: {} };
const [tiktok, youtube, instagram, x] = accounts;

describe('the dashboard', () => {
  it('counts a post on the right side of a period edge in the Settings zone, across DST', async () => {
    const zone = 'Europe/Paris';
    const world = await openStatisticsWorld(zone);
    // Tuesday 1 April 2025, noon in Paris; the week is 26 March – 1 April (DST on 30 March).
    world.clock.set(Date.UTC(2025, 3, 1, 10));
    const firstMinute = Date.UTC(2025, 2, 25, 23); // 26 March 00:00 in Paris (UTC+1)
    await world.post({ at: firstMinute, reading: { views: 100, likes: 10 } });
    await world.post({ at: firstMinute - 1000, reading: { views: 40, likes: 1 } });
    await world.post({ at: Date.UTC(2025, 3, 1, 21, 59), reading: { views: 7 } }); // 23:59 local
    await world.post({ at: Date.UTC(2025, 3, 1, 22), reading: { views: 9999 } }); // tomorrow

    const dashboard = await world.service.dashboard(week);
    expect(dashboard.period.start).toBe(firstMinute);
    expect(dashboard.current.posts.succeeded).toBe(2);
    expect(dashboard.current.engagement.views).toEqual({ sum: 107, posts: 2 });
    expect(dashboard.previous.posts.succeeded).toBe(1);
    expect(dashboard.previous.engagement.views).toEqual({ sum: 40, posts: 1 });
    const views = kpiDefinition('views');
    expect(
      kpiChange(views.kind, views.value(dashboard.current), views.value(dashboard.previous)),
    ).toEqual({
      kind: 'relative',
      delta: (107 - 40) / 40,
      direction: 'up',
    });
  });

  it('24 hours and the 24 before them meet on an hour edge', async () => {
    const world = await openStatisticsWorld('America/New_York');
    world.clock.set(Date.UTC(2025, 10, 2, 6, 30)); // 01:30 EST, the clocks just went back
    const end = Date.UTC(2025, 10, 2, 7);
    await world.post({ at: end - 24 * HOUR, reading: { views: 1 } });
    await world.post({ at: end - 24 * HOUR - 1, reading: { views: 2 } });
    await world.post({ at: end - 1, reading: { views: 4 } });
    const dashboard = await world.service.dashboard({
      period: { kind: 'preset', preset: '24h' },
      filters: {},
    });
    expect(dashboard.current.engagement.views.sum).toBe(5);
    expect(dashboard.previous.engagement.views.sum).toBe(2);
    const series = await world.service.timeseries({
      period: { kind: 'preset', preset: '24h' },
      filters: {},
    });
    expect(series.grain).toBe('hour');
    expect(series.points).toHaveLength(24);
    expect(series.points[0]?.engagement.views.sum).toBe(1);
    expect(series.points.at(-1)?.engagement.views.sum).toBe(4);
  });

  it('keeps a metric no post reported as not reported, never 0, with its coverage', async () => {
    const world = await openStatisticsWorld('UTC');
    world.clock.set(Date.UTC(2026, 0, 15, 12));
    const at = Date.UTC(2026, 0, 14, 9);
    // TikTok reports no saves; YouTube no shares and no saves.
    await world.post({ at, account: tiktok, reading: { views: 500, likes: 50, shares: 5 } });
    await world.post({ at, account: youtube, reading: { views: 300, likes: 30, comments: 3 } });
    let dashboard = await world.service.dashboard(week);
    expect(dashboard.current.engagement.saves).toEqual({ sum: null, posts: 0 });
    expect(dashboard.current.engagement.shares).toEqual({ sum: 5, posts: 1 });
    expect(kpiDefinition('saves').value(dashboard.current)).toBeNull();

    // Instagram reports saves, here none yet: 0 is a value, reported by one post.
    await world.post({ at, account: instagram, reading: { views: 200, likes: 2, saves: 0 } });
    dashboard = await world.service.dashboard(week);
    expect(dashboard.current.engagement.saves).toEqual({ sum: 0, posts: 1 });
    const byPlatform = Object.fromEntries(
      dashboard.byPlatform.map((p) => [p.platform, p.engagement.saves.sum]),
    );
    expect(byPlatform).toEqual({ tiktok: null, youtube: null, instagram: 0 });

    // A day with no post reports nothing at all, rather than zeros.
    const series = await world.service.timeseries(week);
    expect(series.points).toHaveLength(7);
    expect(series.points[0]?.engagement.views).toEqual({ sum: null, posts: 0 });
  });

  it('works out the rates from the rollups, engagement weighted by views', async () => {
    const world = await openStatisticsWorld('UTC');
    world.clock.set(Date.UTC(2026, 0, 15, 12));
    const at = Date.UTC(2026, 0, 14, 9);
    await world.post({ at, reading: { views: 1000, likes: 80, comments: 20 }, attempts: 1 });
    await world.post({ at, reading: { views: 10, likes: 5, comments: 5 }, attempts: 3 });
    // Views but no interaction reported: left out of the rate rather than diluting it.
    await world.post({ at, account: accounts[4], reading: { views: 5000 } });
    await world.post({ at, state: 'failed', attempts: 5 });
    // Refused before its upload: tried once, with no upload attempt on record.
    await world.post({ at, state: 'failed', attempts: 0 });
    await world.post({ at, state: 'pending' });
    const previousWeek = Date.UTC(2026, 0, 5, 9);
    await world.post({ at: previousWeek, reading: { views: 100, likes: 1 } });
    await world.post({ at: previousWeek, state: 'failed', attempts: 2 });

    const { current, previous } = await world.service.dashboard(week);
    const value = (id: Parameters<typeof kpiDefinition>[0], totals = current) =>
      kpiDefinition(id).value(totals);
    expect(value('engagementRate')).toBeCloseTo(110 / 1010, 10);
    expect(value('distributionSuccess')).toBeCloseTo(3 / 5, 10);
    expect(value('averageAttempts')).toBeCloseTo((1 + 3 + 1 + 5 + 1) / 5, 10);
    expect(value('retries')).toBe(2 + 4);
    expect(value('postsPending')).toBe(1);
    expect(value('distributionSuccess', previous)).toBeCloseTo(1 / 2, 10);
    expect(
      kpiChange('rate', value('distributionSuccess'), value('distributionSuccess', previous)),
    ).toMatchObject({ kind: 'points', direction: 'up' });
    expect(
      (
        kpiChange('rate', value('distributionSuccess'), value('distributionSuccess', previous)) as {
          delta: number;
        }
      ).delta,
    ).toBeCloseTo(10, 10);
  });

  it('filters by platform, account and config, and leaves renders out under an account filter', async () => {
    const world = await openStatisticsWorld('UTC');
    world.clock.set(Date.UTC(2026, 0, 15, 12));
    const at = Date.UTC(2026, 0, 14, 9);
    await world.post({ at, account: x, video: videos[0], reading: { views: 10 } });
    await world.post({ at, account: youtube, video: videos[2], reading: { views: 20 } });
    await world.post({ at, account: youtube, video: videos[3], reading: { views: 40 } });
    const sum = async (filters: object) =>
      (await world.service.dashboard({ ...week, filters })).current.engagement.views.sum;
    expect(await sum({})).toBe(70);
    expect(await sum({ platform: 'youtube' })).toBe(60);
    expect(await sum({ accountId: x!.id })).toBe(10);
    expect(await sum({ configId: 'config-b' })).toBe(20);
    expect(
      (await world.service.dashboard({ ...week, filters: { platform: 'x' } })).current.renders,
    ).toBeNull();
    expect((await world.service.dashboard(week)).current.renders).toEqual({
      rendered: 0,
      failed: 0,
      renderMs: 0,
      timed: 0,
    });
  });

  it('ranks top posts by views or engagement rate, and maps best times to local hours', async () => {
    const world = await openStatisticsWorld('Asia/Kolkata');
    world.clock.set(Date.UTC(2026, 0, 15, 12));
    // 09:00 and 18:30 in Kolkata (UTC+5:30).
    await world.post({ at: Date.UTC(2026, 0, 12, 3, 30), reading: { views: 900, likes: 9 } });
    await world.post({ at: Date.UTC(2026, 0, 13, 13), reading: { views: 100, likes: 20 } });
    await world.post({ at: Date.UTC(2026, 0, 13, 13, 5), reading: { views: 20, likes: 20 } });
    const top = await world.service.topPosts({ ...week, sort: 'views', limit: 2 });
    expect(top.map((p) => p.views)).toEqual([900, 100]);
    expect(top[0]?.url).toMatch(/^https:\/\/example\.test\//);
    const byRate = await world.service.topPosts({ ...week, sort: 'engagementRate', limit: 10 });
    // The post with 20 views is below the views a rate needs to rank.
    expect(byRate.map((p) => p.engagementRate)).toEqual([0.2, 0.01]);

    const best = await world.service.bestTimes({ filters: {} });
    expect(best.enough).toBe(false);
    expect(best.posts).toBe(3);
    expect(best.cells).toEqual(
      expect.arrayContaining([
        { weekday: 0, hour: 9, posts: 1, averageViews: 900, engagementRate: 0.01 },
        { weekday: 1, hour: 18, posts: 2, averageViews: 60, engagementRate: 40 / 120 },
      ]),
    );
  });
});

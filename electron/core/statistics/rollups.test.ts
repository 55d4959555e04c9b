import { afterEach, describe, expect, it } from 'vitest';
import { rebuildRollups } from './rollup-rebuild';
import {
  expectedPostRollups,
  expectedRenderRollups,
  storedRollups,
  type ModelPost,
  type ModelRender,
} from './testing/rollup-oracle';
import {
  accounts,
  closeStatisticsWorld,
  openStatisticsWorld,
  videos,
  type StatisticsWorld,
} from './testing/statistics-world';

/** A small seeded generator, so a failing history can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HOUR = 3_600_000;
/** Clock changes and month and week edges in the zones below, where bucketing goes wrong first. */
const edges = [
  Date.UTC(2025, 2, 30, 1), // Europe: spring forward
  Date.UTC(2025, 9, 26, 1), // Europe: fall back
  Date.UTC(2025, 2, 9, 7), // New York: spring forward
  Date.UTC(2025, 10, 2, 6), // New York: fall back
  Date.UTC(2025, 3, 6, 3), // Santiago: midnight comes twice; Sydney: fall back
  Date.UTC(2025, 8, 7, 4), // Santiago: midnight is skipped
  Date.UTC(2025, 9, 4, 16), // Sydney: spring forward
  Date.UTC(2025, 11, 31, 23), // year end
  Date.UTC(2026, 1, 28, 22), // month end
];
const zones = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'America/Santiago',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Asia/Kathmandu',
];
/**
 * Plays a random history through the real write paths (distribution's and runs' repositories,
 * which call the recorder in their transactions) and keeps a plain model of what happened.
 */
async function playHistory(world: StatisticsWorld, random: () => number, steps: number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let clockTick = 0;
  const instant = () => {
    clockTick += 1;
    // Distinct times (readings never tie), a third of them within hours of an edge.
    const base =
      random() < 0.35
        ? pick(edges) + Math.round((random() - 0.5) * 6 * HOUR)
        : Date.UTC(2025, 0, 1) + (Math.floor(random() * 730 * 24) * HOUR) / 24;
    return Math.floor(base / 1000) * 1000 + clockTick;
  };
  const posts = new Map<
    string,
    ModelPost & { readings: Array<{ at: number; id: number }>; deleted: boolean }
  >();
  const renders = new Map<string, ModelRender>();
  let readingId = 0;
  let runVideo = 0;

  for (let step = 0; step < steps; step += 1) {
    const roll = random();
    const live = [...posts.values()].filter((p) => !p.deleted);
    const open = live.filter((p) => p.state !== 'success' && p.state !== 'failed');
    const published = live.filter((p) => p.state === 'success');
    if (roll < 0.2 || posts.size === 0) {
      const video = pick(videos);
      const account = pick(accounts);
      const t = instant();
      const id = `target-${video.id}-${account.id}`;
      if (posts.get(id)?.deleted) continue;
      await world.distribution.ensureTarget({
        id,
        video_id: video.id,
        account_id: account.id,
        platform: account.platform,
        state: 'pending',
        settings: '{}',
        created_at: t,
        updated_at: t,
      });
      if (!posts.has(id)) {
        posts.set(id, {
          targetId: id,
          platform: account.platform,
          accountId: account.id,
          configId: video.config ?? '',
          state: 'pending',
          attempts: 0,
          manualRetries: 0,
          createdAt: t,
          updatedAt: t,
          publishedAt: null,
          reading: null,
          readings: [],
          deleted: false,
        });
      }
    } else if (roll < 0.5 && open.length > 0) {
      const post = pick(open);
      const t = instant();
      const next = random();
      if (post.state === 'pending' && post.attempts === 0 && next < 0.1) {
        post.state = 'failed'; // refused before any upload (a caption too long)
      } else if (post.state === 'pending' || next < 0.2) {
        post.state = 'processing';
        post.attempts += 1;
      } else if (next < 0.65) {
        post.state = 'success';
        post.publishedAt = t;
      } else if (next < 0.85) {
        post.state = 'failed';
      } else {
        post.state = 'pending'; // a rate limit: waits for its reset
      }
      post.updatedAt = t;
      await world.distribution.updateTarget(post.targetId, {
        state: post.state,
        attempts: post.attempts,
        updated_at: t,
        ...(post.state === 'success' ? { published_at: t } : {}),
      });
    } else if (roll < 0.55) {
      const failed = live.filter((p) => p.state === 'failed');
      if (failed.length === 0) continue;
      const post = pick(failed);
      post.state = 'pending';
      post.attempts = 0;
      post.manualRetries += 1;
      post.updatedAt = instant();
      await world.distribution.updateTarget(post.targetId, {
        state: 'pending',
        attempts: 0,
        manual_retries: post.manualRetries,
        updated_at: post.updatedAt,
      });
    } else if (roll < 0.8 && published.length > 0) {
      const post = pick(published);
      const at = instant();
      const count = (chance: number) => (random() < chance ? null : Math.floor(random() * 5000));
      // Each platform's own gaps: TikTok and Facebook report no saves, views may lag.
      const reading = {
        views: count(0.1),
        likes: count(0.1),
        comments: count(0.2),
        shares: post.platform === 'youtube' ? null : count(0.2),
        saves: post.platform === 'tiktok' || post.platform === 'facebook' ? null : count(0.3),
      };
      await world.distribution.addReading({ target_id: post.targetId, at, ...reading });
      readingId += 1;
      post.readings.push({ at, id: readingId });
      const newest = post.readings.reduce((a, b) => (b.at > a.at ? b : a));
      if (newest.id === readingId) post.reading = reading;
    } else if (roll < 0.85 && published.length > 0) {
      // Retention: the history thins out behind the engine's back (not recorded).
      const post = pick(published);
      const cut = random() < 0.5 ? Number.MAX_SAFE_INTEGER : instant();
      await world.db
        .deleteFrom('post_metrics')
        .where('target_id', '=', post.targetId)
        .where('at', '<', cut)
        .execute();
    } else if (roll < 0.87 && live.length > 0) {
      // A target deleted from the raw tables: its figures stay in the statistics.
      const post = pick(live);
      await world.db.deleteFrom('distribution_targets').where('id', '=', post.targetId).execute();
      post.deleted = true;
    } else {
      runVideo += 1;
      const id = `run-video-${runVideo}`;
      const config = pick(['config-a', 'config-b']);
      const created = instant();
      await world.db
        .insertInto('config_run_videos')
        .values({
          id,
          run_id: `run-${config}`,
          position: runVideo,
          state: 'queued',
          job_id: null,
          account_ids: '[]',
          output_path: null,
          duration_ms: null,
          error: null,
          created_at: created,
          finished_at: null,
        })
        .execute();
      await world.runs.updateVideo(id, { state: 'rendering' });
      const finished = instant();
      const rendered = random() < 0.8;
      const renderMs = random() < 0.9 ? Math.floor(random() * 60_000) : null;
      await world.runs.updateVideo(id, {
        state: rendered ? 'rendered' : 'failed',
        finished_at: finished,
        ...(rendered && renderMs !== null ? { render_ms: renderMs } : {}),
      });
      renders.set(id, {
        id,
        configId: config,
        state: rendered ? 'rendered' : 'failed',
        finishedAt: finished,
        renderMs: rendered ? renderMs : null,
      });
    }
  }
  return { posts: [...posts.values()], renders: [...renders.values()] };
}

afterEach(closeStatisticsWorld);

describe('rollups over random event histories', () => {
  for (let seed = 1; seed <= zones.length * 2; seed += 1) {
    const zone = zones[(seed - 1) % zones.length]!;
    it(`match a direct computation and their own rebuild (seed ${seed}, ${zone})`, async () => {
      const world = await openStatisticsWorld(zone);
      const model = await playHistory(world, mulberry32(seed), 260);
      expect(world.failures).toEqual([]);

      const incremental = await storedRollups(world.db);
      expect(incremental.posts).toEqual(expectedPostRollups(model.posts, zone));
      expect(incremental.renders).toEqual(expectedRenderRollups(model.renders, zone));

      const facts = await world.db
        .selectFrom('stats_post_facts')
        .selectAll()
        .orderBy('target_id')
        .execute();
      await rebuildRollups({
        repository: world.repository,
        timeZone: zone,
        progress: () => {},
        pause: async () => {},
      });
      expect(await storedRollups(world.db)).toEqual(incremental);
      expect(
        await world.db.selectFrom('stats_post_facts').selectAll().orderBy('target_id').execute(),
      ).toEqual(facts);
    });
  }

  it('are bucketed again in a new time zone by a rebuild', async () => {
    const world = await openStatisticsWorld('Europe/Paris');
    const model = await playHistory(world, mulberry32(99), 200);
    await rebuildRollups({
      repository: world.repository,
      timeZone: 'America/New_York',
      progress: () => {},
      pause: async () => {},
    });
    const rebuilt = await storedRollups(world.db);
    expect(rebuilt.posts).toEqual(expectedPostRollups(model.posts, 'America/New_York'));
    expect(rebuilt.renders).toEqual(expectedRenderRollups(model.renders, 'America/New_York'));
  });
});

/**
 * The history `npm run bench:stats` works on: two years of 100 accounts on 5 platforms, 20
 * configs posting to their own 5 accounts each, about 20,000 renders and posts, about 1,000,000
 * metric samples, written with prepared statements in transactions of 2,000 posts.
 */
import { performance } from 'node:perf_hooks';
import type { DatabaseHandle } from '../electron/core/db/connection';
import { migrateToLatest } from '../electron/core/db/migrate';
import { migrations } from '../electron/core/db/migrations';

export const SAMPLES = Number(process.env.STATS_BENCH_SAMPLES ?? 1_000_000);
export const POSTS = Math.max(100, Math.round(SAMPLES / 50));
const ACCOUNTS = 100;
const CONFIGS = 20;
const PER_CONFIG = ACCOUNTS / CONFIGS;
export const ZONE = 'Europe/Paris';
const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 0, 15, 11, 0);
const START = NOW - 730 * DAY;
const platforms = ['tiktok', 'youtube', 'instagram', 'facebook', 'x'] as const;

let seed = 42;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

export async function seedHistory(handle: DatabaseHandle): Promise<number> {
  await migrateToLatest(handle.db, migrations);
  const raw = handle.raw;
  const started = performance.now();
  const account = raw.prepare(
    `INSERT INTO accounts (id, platform, remote_id, handle, display_name, status, audience, scopes,
       posts_total, errors_total, consecutive_errors, cost_total_usd, connected_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'active', 'public', '[]', 0, 0, 0, 0, ?, ?)`,
  );
  const config = raw.prepare(
    `INSERT INTO configs (id, name, definition, active, created_at, updated_at) VALUES (?, ?, '{}', 1, ?, ?)`,
  );
  const run = raw.prepare(
    `INSERT INTO config_runs (id, config_id, trigger, scheduled_for, state, snapshot, created_at, finished_at)
     VALUES (?, ?, 'schedule', ?, 'succeeded', '{}', ?, ?)`,
  );
  const runVideo = raw.prepare(
    `INSERT INTO config_run_videos (id, run_id, position, state, account_ids, output_path, duration_ms, render_ms, error, created_at, finished_at)
     VALUES (?, ?, 0, ?, '[]', ?, 30000, ?, ?, ?, ?)`,
  );
  const video = raw.prepare(
    `INSERT INTO distribution_videos (id, run_video_id, config_id, title, file_path, facts, created_at)
     VALUES (?, ?, ?, ?, ?, '{}', ?)`,
  );
  const target = raw.prepare(
    `INSERT INTO distribution_targets (id, video_id, account_id, platform, state, settings, remote_id, url,
       attempts, manual_retries, published_at, metrics_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const metric = raw.prepare(
    `INSERT INTO post_metrics (target_id, at, views, likes, comments, shares, saves) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  raw.transaction(() => {
    for (let a = 0; a < ACCOUNTS; a += 1) {
      const platform = platforms[a % platforms.length]!;
      account.run(
        `account-${a}`,
        platform,
        `remote-${a}`,
        `@creator${a}`,
        `Creator ${a}`,
        START,
        START,
      );
    }
    for (let c = 0; c < CONFIGS; c += 1) config.run(`config-${c}`, `Config ${c}`, START, START);
  })();
  let samples = 0;
  // 97 % of renders succeed and 90 % of their posts are published: those get the readings.
  const perPost = Math.round(SAMPLES / (POSTS * 0.97 * 0.9));
  const chunk = 2_000;
  for (let from = 0; from < POSTS; from += chunk) {
    raw.transaction(() => {
      for (let p = from; p < Math.min(POSTS, from + chunk); p += 1) {
        const created = START + Math.floor(((p + random()) / POSTS) * 730 * DAY);
        const configIndex = p % CONFIGS;
        const configId = `config-${configIndex}`;
        // Each config posts to its own accounts, as a config's distribution does.
        const accountIndex = configIndex * PER_CONFIG + Math.floor(random() * PER_CONFIG);
        const platform = platforms[accountIndex % platforms.length]!;
        const renderFailed = random() < 0.03;
        run.run(`run-${p}`, configId, created, created, created + 60_000);
        runVideo.run(
          `run-video-${p}`,
          `run-${p}`,
          renderFailed ? 'failed' : 'rendered',
          renderFailed ? null : `/renders/${p}.mp4`,
          renderFailed ? null : 20_000 + Math.floor(random() * 40_000),
          renderFailed ? 'ffmpeg failed' : null,
          created,
          created + 60_000,
        );
        if (renderFailed) continue;
        video.run(
          `video-${p}`,
          `run-video-${p}`,
          configId,
          `Config ${p % CONFIGS} #${p}`,
          `/renders/${p}.mp4`,
          created,
        );
        const roll = random();
        const state = roll < 0.9 ? 'success' : roll < 0.97 ? 'failed' : 'pending';
        const published =
          state === 'success' ? created + 120_000 + Math.floor(random() * 3_600_000) : null;
        const attempts = 1 + (random() < 0.1 ? 1 + Math.floor(random() * 3) : 0);
        const reads = state === 'success' ? perPost : 0;
        // Readings slow down with age like the metrics schedule, and all fit before now.
        const spacing = published
          ? Math.min(6 * 3_600_000, Math.floor((NOW - published) / (reads + 1)))
          : 0;
        target.run(
          `target-${p}`,
          `video-${p}`,
          `account-${accountIndex}`,
          platform,
          state,
          state === 'success' ? `post-${p}` : null,
          state === 'success' ? `https://example.test/${platform}/${p}` : null,
          attempts,
          state === 'failed' || random() > 0.02 ? 0 : 1,
          published,
          published && reads > 0 ? published + reads * spacing : null,
          created,
          state === 'failed' ? created + 600_000 : (published ?? created),
        );
        let views = 0;
        for (let s = 0; s < reads; s += 1) {
          views += Math.floor(random() * 400);
          const likes = Math.floor(views * 0.05);
          metric.run(
            `target-${p}`,
            published! + (s + 1) * spacing,
            views,
            platform === 'facebook' ? null : likes,
            Math.floor(likes / 5),
            platform === 'youtube' ? null : Math.floor(likes / 8),
            platform === 'tiktok' || platform === 'facebook' || platform === 'youtube'
              ? null
              : Math.floor(likes / 4),
          );
          samples += 1;
        }
      }
    })();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Seeded ${POSTS.toLocaleString()} posts of ${ACCOUNTS} accounts on ${platforms.length} platforms over 2 years, ` +
      `${samples.toLocaleString()} metric samples, in ${seconds.toFixed(1)} s ` +
      `(${Math.round(samples / seconds).toLocaleString()} samples/s).`,
  );
  return samples;
}

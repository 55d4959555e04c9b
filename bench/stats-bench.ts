/**
 * Statistics benchmark: seeds a database with two years of history (100 accounts on 5
 * platforms, about 20,000 posts, about 1,000,000 metric samples, the renders behind them; 20
 * configs, each posting to its own 5 accounts), builds the
 * rollups from it, and prints for the 30-day and the 2-year dashboard each query's time and the
 * whole dashboard's time, the cost of keeping the rollups current per event, and the full
 * rebuild time.
 *
 *   npm run bench:stats
 *   STATS_BENCH_SAMPLES=200000 npm run bench:stats   # a smaller history
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Period, StatisticsFilters } from '../shared/domain/statistics';
import { openDatabase } from '../electron/core/db/connection';
import { migrateToLatest } from '../electron/core/db/migrate';
import { migrations } from '../electron/core/db/migrations';
import { DistributionRepository } from '../electron/core/distribution/distribution-repository';
import { silentLogger } from '../electron/core/logging/file-logger';
import { RunRepository } from '../electron/core/runs/run-repository';
import { FactRecorder } from '../electron/core/statistics/fact-recorder';
import { resolvePeriod, piecesOf } from '../electron/core/statistics/periods';
import { rebuildRollups } from '../electron/core/statistics/rollup-rebuild';
import { RollupQueries } from '../electron/core/statistics/rollup-queries';
import { StatisticsRepository } from '../electron/core/statistics/statistics-repository';
import { StatisticsService } from '../electron/core/statistics/statistics-service';
import type { StatisticsRecorder } from '../electron/core/statistics/statistics-module';

const SAMPLES = Number(process.env.STATS_BENCH_SAMPLES ?? 1_000_000);
const POSTS = Math.max(100, Math.round(SAMPLES / 50));
const ACCOUNTS = 100;
const CONFIGS = 20;
const PER_CONFIG = ACCOUNTS / CONFIGS;
const ZONE = 'Europe/Paris';
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 15, 11, 0);
const START = NOW - 730 * DAY;
const platforms = ['tiktok', 'youtube', 'instagram', 'facebook', 'x'] as const;

let seed = 42;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-stats-bench-'));
const file = path.join(dir, 'bench.db');
const handle = openDatabase({ file });

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

async function seedHistory(): Promise<number> {
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

/**
 * Wall-clock time and this process's CPU time: on a machine shared with other work the wall
 * clock also counts the waits for a core, the CPU time only what the work itself costs.
 */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; cpu: number; value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpu: (used.user + used.system) / 1000, value };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The median of `runs` timings after one warm-up, and the first (cold) one. */
async function measure(work: () => Promise<unknown>, runs = 7) {
  const first = (await timed(work)).ms;
  const runsDone: Array<{ ms: number; cpu: number }> = [];
  for (let i = 0; i < runs; i += 1) runsDone.push(await timed(work));
  return {
    first,
    median: median(runsDone.map((r) => r.ms)),
    cpu: median(runsDone.map((r) => r.cpu)),
  };
}

async function benchDashboard(service: StatisticsService, queries: RollupQueries) {
  const filters: StatisticsFilters = {};
  const periods: Array<[string, Period]> = [
    ['30 days', { kind: 'preset', preset: '30d' }],
    ['2 years', { kind: 'custom', from: '2024-01-16', to: '2026-01-15' }],
  ];
  const results: Array<{
    period: string;
    tile: string;
    first: number;
    median: number;
    cpu: number;
  }> = [];
  for (const [label, period] of periods) {
    const resolved = resolvePeriod(period, NOW, ZONE);
    const pieces = piecesOf(resolved.start, resolved.end, 'day', 'month', ZONE);
    const tiles: Array<[string, () => Promise<unknown>]> = [
      ['KPI totals (period)', () => queries.sumPosts(pieces, filters, 'none')],
      ['Render totals (period)', () => queries.sumRenders(pieces, undefined, false)],
      ['Per platform', () => queries.sumPosts(pieces, filters, 'platform')],
      ['Per account', () => queries.sumPosts(pieces, filters, 'account')],
      [
        'statistics:dashboard (KPIs now and before, platforms, accounts)',
        () => service.dashboard({ period, filters }),
      ],
      ['statistics:timeseries (per day)', () => service.timeseries({ period, filters })],
      [
        'statistics:topPosts (10 by views)',
        () => service.topPosts({ period, filters, sort: 'views', limit: 10 }),
      ],
      [
        'statistics:topPosts (10 by engagement rate)',
        () => service.topPosts({ period, filters, sort: 'engagementRate', limit: 10 }),
      ],
      ['statistics:bestTimes (whole history)', () => service.bestTimes({ filters })],
      [
        'statistics:dashboard, one account',
        () => service.dashboard({ period, filters: { accountId: 'account-7' } }),
      ],
    ];
    for (const [tile, work] of tiles)
      results.push({ period: label, tile, ...(await measure(work)) });
    const whole = await measure(() =>
      Promise.all([
        service.dashboard({ period, filters }),
        service.timeseries({ period, filters }),
        service.topPosts({ period, filters, sort: 'views', limit: 10 }),
        service.bestTimes({ filters }),
      ]),
    );
    results.push({
      period: label,
      tile: 'WHOLE DASHBOARD (the 4 channels the Overview calls)',
      ...whole,
    });
  }
  console.log('\nDashboard queries (median of 7 after a first, cold, run; CPU: this process):');
  console.log(
    `  ${'period'.padEnd(9)} ${'query'.padEnd(66)} ${'median'.padStart(10)} ${'CPU'.padStart(10)} ${'first'.padStart(10)}`,
  );
  for (const r of results) {
    console.log(
      `  ${r.period.padEnd(9)} ${r.tile.padEnd(66)} ${ms(r.median).padStart(10)} ${ms(r.cpu).padStart(10)} ${ms(r.first).padStart(10)}`,
    );
  }
}

async function benchEvents() {
  const recorder = new FactRecorder({
    zone: () => ZONE,
    logger: silentLogger,
    recorded: () => {},
    failed: (error) => {
      throw error;
    },
  });
  const none: StatisticsRecorder = { postChanged: async () => {}, renderChanged: async () => {} };
  const events = 2_000;
  const run = async (label: string, statistics: StatisticsRecorder) => {
    const distribution = new DistributionRepository(handle.db, statistics);
    const runs = new RunRepository(handle.db, statistics);
    const reading = await timed(async () => {
      for (let i = 0; i < events; i += 1) {
        const p = (i * 7919) % POSTS;
        const target = `target-${p}`;
        const exists = handle.raw
          .prepare(`SELECT 1 FROM distribution_targets WHERE id = ? AND state = 'success'`)
          .get(target);
        if (!exists) continue;
        await distribution.addReading({
          target_id: target,
          at: NOW + i * 1000 + (statistics === none ? 0 : 1),
          views: 100_000 + i,
          likes: 5_000,
          comments: 100,
          shares: 50,
          saves: null,
        });
      }
    });
    const change = await timed(async () => {
      for (let i = 0; i < events; i += 1) {
        const p = (i * 104_729) % POSTS;
        const target = `target-${p}`;
        const row = handle.raw
          .prepare(`SELECT attempts FROM distribution_targets WHERE id = ?`)
          .get(target) as { attempts: number } | undefined;
        if (!row) continue;
        await distribution.updateTarget(target, {
          attempts: row.attempts + 1,
          updated_at: NOW + i,
        });
      }
    });
    const render = await timed(async () => {
      for (let i = 0; i < events; i += 1) {
        await runs.updateVideo(`run-video-${(i * 31) % POSTS}`, { render_ms: 30_000 + i });
      }
    });
    const per = (t: { ms: number; cpu: number }) =>
      `${ms(t.ms / events)} (CPU ${ms(t.cpu / events)})`.padStart(24);
    console.log(
      `  ${label.padEnd(20)} metrics reading ${per(reading)}  post change ${per(change)}  ` +
        `render finished ${per(render)}`,
    );
  };
  console.log(
    `\nKeeping the rollups current, per event (${events.toLocaleString()} events each, the event's own write included):`,
  );
  await run('without statistics', none);
  await run('with the recorder', recorder);
}

async function main() {
  const load = os.loadavg().map((n) => n.toFixed(1));
  console.log(
    `Machine: ${os.cpus().length} cores, load average ${load.join(' / ')} (1 / 5 / 15 min).`,
  );
  const samples = await seedHistory();
  const repository = new StatisticsRepository(handle.db);
  const rebuild = await timed(() =>
    rebuildRollups({ repository, timeZone: ZONE, progress: () => {}, pause: async () => {} }),
  );
  const facts = handle.raw.prepare('SELECT count(*) AS n FROM stats_post_facts').get() as {
    n: number;
  };
  const rollups = handle.raw.prepare('SELECT count(*) AS n FROM stats_post_rollups').get() as {
    n: number;
  };
  console.log(
    `Full rebuild from the raw tables: ${(rebuild.ms / 1000).toFixed(2)} s ` +
      `(CPU ${(rebuild.cpu / 1000).toFixed(2)} s) ` +
      `(${rebuild.value.done.toLocaleString()} posts and renders, ${facts.n.toLocaleString()} post facts, ` +
      `${rollups.n.toLocaleString()} post rollup rows over 4 grains; ${samples.toLocaleString()} samples behind them).`,
  );
  const queries = new RollupQueries(handle.db);
  const service = new StatisticsService({
    queries,
    keeper: {
      timeZone: () => ZONE,
      currentStatus: () => ({
        state: 'ready',
        done: 0,
        total: 0,
        builtAt: NOW,
        timeZone: ZONE,
        error: null,
      }),
    },
    settingsZone: async () => ZONE,
    media: { findByPath: async () => null },
    clock: { now: () => NOW, setTimeout: () => () => {} },
  });
  await benchDashboard(service, queries);
  await benchEvents();
  const second = await timed(() =>
    rebuildRollups({ repository, timeZone: ZONE, progress: () => {}, pause: async () => {} }),
  );
  console.log(
    `\nRebuild again over built facts: ${(second.ms / 1000).toFixed(2)} s (CPU ${(second.cpu / 1000).toFixed(2)} s).`,
  );
  console.log(`Database: ${(statSync(file).size / 1_048_576).toFixed(0)} MB.`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

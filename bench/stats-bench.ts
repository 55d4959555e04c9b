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

import { NOW, POSTS, ZONE, seedHistory } from './stats-bench-history';

const dir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-stats-bench-'));
const file = path.join(dir, 'bench.db');
const handle = openDatabase({ file });

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
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
  const samples = await seedHistory(handle);
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

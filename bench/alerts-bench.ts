/**
 * Alerts and health benchmark: seeds a database with two years of work (100 accounts on five
 * platforms, 20,000 posts of which 5 % failed, 2,000 config runs, 5,000 jobs) and prints the
 * time of a full alert sweep (every rule), of the errors log's pages and filters, and of account
 * and system health. The sweep runs every minute, the others when the Statistics screen asks.
 *
 *   npm run bench:alerts               # 20,000 posts
 *   npx tsx bench/alerts-bench.ts 100000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { platformIds } from '../shared/domain/platforms';
import { ensureDirectories, makePaths } from '../electron/core/app/data-location';
import { createEngine } from '../electron/core/engine';
import { silentLogger } from '../electron/core/logging/file-logger';
import { noPowerEvents, randomIds, systemClock } from '../electron/core/runtime/node-ports';
import type { EnginePorts } from '../electron/core/ports';

const posts = Number(process.argv[2] ?? process.env.ALERTS_BENCH_POSTS ?? 20_000);
if (!Number.isInteger(posts) || posts < 100) {
  console.error('Give the number of posts as a whole number of at least 100.');
  process.exit(2);
}
const DAY = 86_400_000;
const ACCOUNTS = 100;
const CONFIGS = 50;
const RUNS = 2_000;
const JOBS = 5_000;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-alerts-bench-'));
const paths = makePaths(dataDir, path.resolve(import.meta.dirname, '..', 'resources'));
ensureDirectories(paths);
const ports: EnginePorts = {
  clock: systemClock,
  ids: randomIds,
  logger: silentLogger,
  paths,
  secrets: {
    get: async () => null,
    set: async () => {},
    delete: async () => {},
    info: () => ({ backend: 'none (benchmark)', secure: true }),
  },
  notifier: { notify: () => {} },
  power: noPowerEvents,
  http: globalThis.fetch,
  events: { emit: () => {} },
  desktop: null,
};

const engine = await createEngine(ports, {
  appVersion: 'bench',
  mode: 'headless',
  dataDirPinned: true,
  defaultDataDir: dataDir,
  autoStart: false,
  automation: { freeBytes: async () => 100 * 1024 ** 3 },
});

function seed(): void {
  const raw = engine.database.raw;
  const now = Date.now();
  const span = 2 * 365 * DAY;
  let random = 42;
  const next = () => {
    random = (random * 1_103_515_245 + 12_345) % 2 ** 31;
    return random / 2 ** 31;
  };
  raw.transaction(() => {
    const account = raw.prepare(
      `INSERT INTO accounts (id, platform, remote_id, handle, display_name, status, audience,
        scopes, posts_total, errors_total, consecutive_errors, cost_total_usd, last_post_at,
        connected_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'public', '[]', 0, 0, ?, 0, ?, ?, ?)`,
    );
    for (let a = 0; a < ACCOUNTS; a += 1) {
      const status = a % 37 === 0 ? 'needs_reconnect' : 'active';
      account.run(
        `account-${a}`,
        platformIds[a % platformIds.length],
        `remote-${a}`,
        `@account${a}`,
        `Account ${a}`,
        status,
        a % 11 === 0 ? 2 : 0,
        now - Math.floor(next() * 3 * DAY),
        now - span,
        now,
      );
    }
    const config = raw.prepare(
      `INSERT INTO configs (id, name, definition, active, next_run_at, created_at, updated_at)
       VALUES (?, ?, '{}', 1, ?, ?, ?)`,
    );
    for (let c = 0; c < CONFIGS; c += 1) {
      config.run(`config-${c}`, `Config ${c}`, now + (c + 1) * 60_000, now - span, now);
    }
    const run = raw.prepare(
      `INSERT INTO config_runs (id, config_id, trigger, scheduled_for, state, snapshot, error,
        created_at, finished_at) VALUES (?, ?, 'schedule', ?, ?, '{}', ?, ?, ?)`,
    );
    for (let r = 0; r < RUNS; r += 1) {
      const at = now - span + Math.floor((r / RUNS) * span);
      const failed = next() < 0.1;
      run.run(
        `run-${r}`,
        `config-${r % CONFIGS}`,
        at,
        failed ? 'failed' : 'succeeded',
        failed ? 'A clip could not be read.' : null,
        at,
        at + 60_000,
      );
    }
    const video = raw.prepare(
      `INSERT INTO distribution_videos (id, run_video_id, config_id, title, file_path, facts,
        created_at) VALUES (?, NULL, ?, ?, '/videos/v.mp4', '{}', ?)`,
    );
    const target = raw.prepare(
      `INSERT INTO distribution_targets (id, video_id, account_id, platform, state, settings,
        error_kind, error_message, created_at, updated_at, published_at)
       VALUES (?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?)`,
    );
    const posted = raw.prepare(
      `INSERT INTO account_posts (id, account_id, platform, account_handle, posted_at, cost_usd)
       VALUES (?, ?, ?, ?, ?, 0)`,
    );
    const kinds = ['content', 'transient', 'auth', 'rate'];
    for (let p = 0; p < posts; p += 1) {
      const at = now - span + Math.floor((p / posts) * span);
      const a = Math.floor(next() * ACCOUNTS);
      const platform = platformIds[a % platformIds.length] as string;
      const failed = next() < 0.05;
      video.run(`video-${p}`, `config-${p % CONFIGS}`, `Clip ${p}`, at);
      target.run(
        `target-${p}`,
        `video-${p}`,
        `account-${a}`,
        platform,
        failed ? 'failed' : 'success',
        failed ? kinds[p % kinds.length] : null,
        failed ? 'The platform refused the post.' : null,
        at,
        at + 120_000,
        failed ? null : at + 120_000,
      );
      if (!failed)
        posted.run(`posted-${p}`, `account-${a}`, platform, `@account${a}`, at + 120_000);
    }
    const job = raw.prepare(
      `INSERT INTO jobs (id, kind, data, state, max_attempts, not_before, last_error, created_at,
        updated_at, finished_at) VALUES (?, ?, '{}', ?, 3, ?, ?, ?, ?, ?)`,
    );
    const jobKinds = ['render', 'upload', 'metrics'];
    for (let j = 0; j < JOBS; j += 1) {
      const at = now - 30 * DAY + Math.floor((j / JOBS) * 30 * DAY);
      const dead = next() < 0.06;
      const queued = !dead && j > JOBS - 200;
      job.run(
        `job-${j}`,
        jobKinds[j % jobKinds.length],
        dead ? 'dead' : queued ? 'queued' : 'succeeded',
        queued ? now + j * 1000 : at,
        dead ? 'It gave up.' : null,
        at,
        at,
        queued ? null : at + 1000,
      );
    }
  })();
}

async function time(label: string, runs: number, work: () => Promise<unknown>): Promise<void> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(`${label.padEnd(44)} ${median.toFixed(1).padStart(8)} ms (median of ${runs})`);
}

async function invoke(channel: string, input: unknown): Promise<unknown> {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

try {
  const seeding = performance.now();
  seed();
  console.log(
    `Seeded ${posts.toLocaleString('en-US')} posts, ${ACCOUNTS} accounts, ${RUNS.toLocaleString('en-US')} runs, ${JOBS.toLocaleString('en-US')} jobs in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );
  const alerts = engine.services.alerts;
  await time('full alert sweep (every rule)', 9, () => alerts.evaluate());
  const page = (await invoke('alerts:counts', {})) as { open: number };
  console.log(`${'open alerts after the sweep'.padEnd(44)} ${String(page.open).padStart(8)}`);
  await time('errors log, first page of 50', 9, () => invoke('statistics:errors', {}));
  await time('errors log, one account', 9, () =>
    invoke('statistics:errors', { accountId: 'account-7' }),
  );
  await time('errors log, one class and 30 days', 9, () =>
    invoke('statistics:errors', { errorClass: 'auth', from: Date.now() - 30 * DAY }),
  );
  const first = (await invoke('statistics:errors', { limit: 200 })) as { nextCursor: string };
  await time('errors log, a page deep in the history', 9, () =>
    invoke('statistics:errors', { after: first.nextCursor }),
  );
  await time('alerts inbox, first page', 9, () => invoke('alerts:list', {}));
  await time('account health (100 accounts)', 5, () => invoke('statistics:accountHealth', {}));
  await time('system health', 9, () => invoke('statistics:systemHealth', {}));
} finally {
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Account, ConnectStart } from '../shared/domain/accounts';
import type {
  BatchDetail,
  BatchSummary,
  CsvImportResult,
  CsvPreview,
} from '../shared/domain/batch';
import { makeBatchVideos } from '../electron/core/batch/testing/batch-videos';
import { fastRuntime } from '../electron/core/platforms/testing/upload-test-kit';
import { systemClock } from '../electron/core/runtime/node-ports';
import { createTestEngine } from '../electron/core/testing/test-engine';
import { startAllEmulators } from '../emulators/start-all-emulators';

/**
 * Batch jobs at scale, against the emulators with tiny files:
 * 1. a CSV of 10,000 posts: validation and preview time, import time;
 * 2. a distribute batch of 1,000 posts (20 videos to 50 X accounts): items per second and the
 *    scheduling overhead per item (planning and creating the batch, then each item's hand-over
 *    to distribution).
 * Heap before, after and at its peak, sampled every 20 ms. Pacing would spread 1,000 posts over
 * days: every account's limits (gap, per hour, per day) are switched off for the run.
 */
const ACCOUNTS = 50;
const CSV_ROWS = Number(process.env.BATCH_BENCH_CSV_ROWS ?? 10_000);
const VIDEOS = 20;

const MiB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

function heapSampler() {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  return () => {
    clearInterval(timer);
    global.gc?.();
    const after = process.memoryUsage().heapUsed;
    peak = Math.max(peak, after);
    return `heap before ${mib(before)}, after ${mib(after)}, peak ${mib(peak)}`;
  };
}

const dir = mkdtempSync(join(tmpdir(), 'reelpilot-batch-bench-'));
const emulators = await startAllEmulators({ now: () => Date.now() });
const t = await createTestEngine({
  clock: systemClock,
  options: {
    endpointOverrides: emulators.endpointOverrides,
    platformSettings: { runtime: fastRuntime },
  },
});
const { engine } = t;

async function invoke<T>(channel: string, input: unknown): Promise<T> {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

try {
  // One X account connected the real way, then cloned into 50 (the emulator has one user; each
  // clone has its own id, handle and copy of the tokens, and its own pacing).
  await engine.services.accounts.apps.save({
    platform: 'x',
    ...emulators.apps.x,
    allowInsecureStorage: true,
  });
  const start = await invoke<ConnectStart>('accounts:connect', { platform: 'x' });
  const consent = await fetch(start.authorizeUrl, { redirect: 'manual' });
  await fetch(consent.headers.get('location') ?? '');
  let first: Account | undefined;
  while (!first) {
    first = (await invoke<Account[]>('accounts:list', {})).find((a) => a.platform === 'x');
    if (!first) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const db = engine.database.db;
  const row = await db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', first.id)
    .executeTakeFirstOrThrow();
  const tokens = await t.ports.secrets.get(`accounts/${first.id}/tokens`);
  for (let i = 1; i < ACCOUNTS; i += 1) {
    const id = `bench-account-${i}`;
    await db
      .insertInto('accounts')
      .values({
        ...row,
        id,
        remote_id: `${row.remote_id}-${i}`,
        handle: `bench_${i}`,
        display_name: `Bench ${i}`,
      })
      .execute();
    if (tokens) await t.ports.secrets.set(`accounts/${id}/tokens`, tokens);
  }
  const accounts = (await invoke<Account[]>('accounts:list', {})).filter((a) => a.platform === 'x');
  for (const account of accounts)
    await engine.services.accounts.updateLimits(account.id, {
      postsPerHour: null,
      postsPerDay: null,
      minGapMinutes: null,
    });
  const files = makeBatchVideos(dir, VIDEOS, 'bench');
  const media = (await engine.services.media.importFiles(files)).imported.map((item) => item.id);
  console.log(
    `Setup: ${accounts.length} X accounts, ${media.length} library videos (1 s, 180x320). ` +
      'Pacing relaxed for the run: every account without a minimum gap, hourly or daily limit.',
  );

  // 1. A CSV of 10,000 posts.
  const lines = ['scheduled_at,account,platform,media,caption,hashtags,external_id'];
  const base = Date.now() + 30 * 86_400_000;
  for (let i = 0; i < CSV_ROWS; i += 1) {
    const account = accounts[i % accounts.length]!;
    const when = i % 2 === 0 ? new Date(base + i * 60_000).toISOString() : '';
    lines.push(
      `${when},${account.handle},x,${media[i % media.length]},"Post ${i}, from the bench",#bench,csv-${i}`,
    );
  }
  const text = lines.join('\n');
  let sample = heapSampler();
  let at = performance.now();
  const preview = await invoke<CsvPreview>('batch:previewCsv', { fileName: 'bench.csv', text });
  const previewMs = performance.now() - at;
  at = performance.now();
  const imported = await invoke<CsvImportResult>('batch:importCsv', {
    fileName: 'bench.csv',
    text,
    // Later than the second part, so its posts do not compete with it.
    startAt: base,
  });
  const importMs = performance.now() - at;
  const csvHeap = sample();
  console.log(
    `CSV import of ${CSV_ROWS.toLocaleString('en')} rows (${(text.length / MiB).toFixed(1)} MiB): ` +
      `validation and preview ${previewMs.toFixed(0)} ms (${preview.validRows} valid), ` +
      `import ${importMs.toFixed(0)} ms (${imported.created} items, half planned into free slots); ${csvHeap}`,
  );
  at = performance.now();
  const again = await invoke<CsvImportResult>('batch:importCsv', { fileName: 'bench.csv', text });
  console.log(
    `The same file again: ${(performance.now() - at).toFixed(0)} ms, ${again.created} new items.`,
  );
  await invoke('batch:cancel', { id: imported.batch!.id });

  // 2. A distribute batch of 1,000 posts over 50 accounts.
  const tweetsBefore = emulators.emulators.x.state.tweets.size;
  sample = heapSampler();
  at = performance.now();
  const batch = await invoke<BatchSummary>('batch:createDistribute', {
    name: 'Bench',
    mediaIds: media,
    accountIds: accounts.map((a) => a.id),
    timing: 'at',
    from: Date.now(),
    to: Date.now() + 60_000,
    post: { title: '', caption: 'Bench post', hashtags: ['bench'], privacy: 'public' },
    concurrency: 20,
  });
  const createMs = performance.now() - at;
  const items = batch.counts.total;
  for (;;) {
    const [current] = (await invoke<BatchSummary[]>('batch:list', {})).filter(
      (b) => b.id === batch.id,
    );
    if (current && current.counts.pending + current.counts.running === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const runMs = performance.now() - at;
  const runHeap = sample();
  const detail = await invoke<BatchDetail>('batch:get', { id: batch.id });
  const states = new Map<string, number>();
  for (const item of detail.items) states.set(item.state, (states.get(item.state) ?? 0) + 1);
  const handOver = await db
    .selectFrom('batch_items')
    .innerJoin('distribution_targets', 'distribution_targets.id', 'batch_items.target_id')
    .select((eb) =>
      eb.fn
        .avg<number>(eb('distribution_targets.created_at', '-', eb.ref('batch_items.started_at')))
        .as('ms'),
    )
    .where('batch_items.batch_id', '=', batch.id)
    .executeTakeFirstOrThrow();
  const posted = emulators.emulators.x.state.tweets.size - tweetsBefore;
  console.log(
    `Distribute batch of ${items} posts (${VIDEOS} videos x ${ACCOUNTS} accounts, 20 items at a time, ` +
      `uploads 2 at a time): ${(runMs / 1000).toFixed(1)} s, ${((items / runMs) * 1000).toFixed(1)} items/s; ` +
      `planning and creating the batch ${createMs.toFixed(0)} ms (${(createMs / items).toFixed(2)} ms per item), ` +
      `hand-over to distribution ${Number(handOver.ms ?? 0).toFixed(1)} ms per item on average; ` +
      `items: ${[...states].map(([s, n]) => `${n} ${s}`).join(', ')}; posts on the X emulator: ${posted}; ${runHeap}`,
  );
  if (posted !== items || states.get('succeeded') !== items)
    throw new Error(`Expected ${items} posts, once each; the emulator has ${posted}.`);
} finally {
  await t.dispose();
  await emulators.close();
  rmSync(dir, { recursive: true, force: true });
}

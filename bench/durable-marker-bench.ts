/**
 * What the durable marker before an irreversible call costs: the same fenced write of a
 * target's state, committed the way every other write is (`synchronous = NORMAL`, on disk at
 * the next checkpoint), with `synchronous = FULL` for that transaction (the write-ahead log is
 * fsynced before the commit returns: what the engine does), and with a WAL checkpoint instead.
 * Prints the median and 95th percentile of each, in a data folder on the given disk.
 *
 *   npm run bench:marker                 # 300 writes each, in the system temp folder
 *   MARKER_BENCH_DIR=/some/disk MARKER_BENCH_COUNT=1000 npm run bench:marker
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../electron/core/db/connection';
import { immediateTransaction } from '../electron/core/db/immediate-transaction';
import { migrateToLatest } from '../electron/core/db/migrate';
import { migrations } from '../electron/core/db/migrations';
import { DistributionRepository } from '../electron/core/distribution/distribution-repository';

const count = Number(process.env.MARKER_BENCH_COUNT ?? 300);
const root = mkdtempSync(path.join(process.env.MARKER_BENCH_DIR ?? os.tmpdir(), 'marker-bench-'));

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms`;
}

async function main(): Promise<void> {
  const handle = openDatabase({ file: path.join(root, 'reelpilot.db') });
  await migrateToLatest(handle.db, migrations);
  const db = handle.db;
  await db
    .insertInto('distribution_videos')
    .values({
      id: 'v',
      run_video_id: null,
      config_id: null,
      title: 'bench',
      file_path: '/v.mp4',
      facts: '{}',
      created_at: 0,
    })
    .execute();
  await db
    .insertInto('distribution_targets')
    .values({
      id: 't',
      video_id: 'v',
      account_id: 'a',
      platform: 'x',
      state: 'pending',
      settings: '{}',
      created_at: 0,
      updated_at: 0,
    })
    .execute();
  // Statistics are not what is measured: their facts are left out.
  const repository = new DistributionRepository(db, {
    postChanged: async () => {},
    renderChanged: async () => {},
  });
  await repository.claimTarget('t', 'lease', 0);
  const state = JSON.stringify({ step: 'tweeting', mediaId: '1880000000000000001', at: 0 });

  const measure = async (write: (i: number) => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const started = performance.now();
      await write(i);
      times.push(performance.now() - started);
    }
    return times;
  };
  const normal = await measure((i) =>
    immediateTransaction(db, (trx) =>
      repository.within(trx).fencedUpdate('t', 'lease', {
        upload_state: state,
        irreversible_at: i,
        updated_at: i,
      }),
    ),
  );
  const full = await measure((i) => repository.saveMarker('t', 'lease', state, i));
  const checkpoint = await measure(async (i) => {
    await repository.fencedUpdate('t', 'lease', {
      upload_state: state,
      irreversible_at: i,
      updated_at: i,
    });
    await sql`PRAGMA wal_checkpoint(FULL)`.execute(db);
  });
  await handle.close();
  rmSync(root, { recursive: true, force: true });

  console.log(`marker writes     ${count} of each, data folder on ${path.dirname(root)}`);
  console.log(`synchronous=NORMAL ${stats(normal)}  (not durable: the commit waits for no disk)`);
  console.log(
    `synchronous=FULL   ${stats(full)}  (what the engine does before each irreversible call)`,
  );
  console.log(`WAL checkpoint     ${stats(checkpoint)}`);
}

await main();

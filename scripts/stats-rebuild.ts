/*
 * `npm run stats:rebuild -- [--data <folder>]`: builds the statistics of a data folder again from
 * its raw tables (posts, metrics, renders) while ReelPilot is closed; the data folder's lock
 * refuses while it runs. In the app, Statistics → Rebuild statistics does the same on the job
 * queue. See docs/statistics.md.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { acquireDataDirLock } from '../electron/core/app/data-dir-lock';
import { defaultDataDir, makePaths, resolveDataDir } from '../electron/core/app/data-location';
import { openDatabase } from '../electron/core/db/connection';
import { migrateToLatest } from '../electron/core/db/migrate';
import { migrations } from '../electron/core/db/migrations';
import { describeError } from '../electron/core/errors';
import { silentLogger } from '../electron/core/logging/file-logger';
import { systemClock } from '../electron/core/runtime/node-ports';
import { SettingsRepository } from '../electron/core/settings/settings-repository';
import { SettingsService } from '../electron/core/settings/settings-service';
import { rebuildRollups } from '../electron/core/statistics/rollup-rebuild';
import { StatisticsRepository } from '../electron/core/statistics/statistics-repository';

/** Rebuilds the rollups of `dataDir` in its Settings time zone; `say` reports progress. */
export async function rebuildStatistics(
  dataDir: string,
  say: (line: string) => void,
): Promise<{ done: number; timeZone: string }> {
  const { dbFile } = makePaths(dataDir, '');
  if (!existsSync(dbFile)) {
    throw new Error(
      `There is no ReelPilot database in ${dataDir}. Check the folder given with --data.`,
    );
  }
  const release = acquireDataDirLock(dataDir);
  const handle = openDatabase({ file: dbFile });
  try {
    await migrateToLatest(handle.db, migrations);
    const settings = new SettingsService(new SettingsRepository(handle.db), {
      clock: systemClock,
      events: { emit: () => {} },
      logger: silentLogger,
      desktop: null,
    });
    const timeZone = (await settings.get()).timeZone;
    const repository = new StatisticsRepository(handle.db);
    let shown = -1;
    const result = await rebuildRollups({
      repository,
      timeZone,
      pause: () => new Promise((resolve) => setImmediate(resolve)),
      progress: ({ done, total }) => {
        const percent = total > 0 ? Math.floor((done / total) * 10) * 10 : 100;
        if (percent === shown) return;
        shown = percent;
        say(`  ${percent} % (${done.toLocaleString()} of ${total.toLocaleString()})`);
      },
    });
    await repository.writeState({
      time_zone: timeZone,
      built_at: systemClock.now(),
      rebuild_job_id: null,
      rebuild_error: null,
    });
    return { done: result.done, timeZone };
  } finally {
    await handle.close();
    release();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log('Usage: npm run stats:rebuild -- [--data <folder>]');
    console.log(
      'Builds the statistics again from the posts, metrics and renders of a data folder.',
    );
    return;
  }
  const { dataDir } = resolveDataDir(defaultDataDir(), values.data ?? null);
  console.log(`Rebuilding the statistics of ${dataDir}…`);
  const started = Date.now();
  const { done, timeZone } = await rebuildStatistics(dataDir, (line) => console.log(line));
  console.log(
    `Done: ${done.toLocaleString()} posts and renders in ${((Date.now() - started) / 1000).toFixed(1)} s, bucketed in ${timeZone}.`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(`The statistics were not rebuilt: ${describeError(error)}`);
    process.exitCode = 1;
  });
}

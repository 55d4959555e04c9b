/**
 * The engine as its own process for the batch crash test: `start` connects the YouTube sandbox
 * account, imports the videos and starts a distribute batch, then keeps posting until the test
 * kills it; `resume` starts the engine again on the same folder (later, so the dead worker's
 * leases have run out) and exits 0 once the batch is done, printing its items' states.
 * `kind: 'generate'` starts a generate batch instead: one video per topic rendered from a
 * config over the videos, each posted to the account with its topic as the title.
 * `kind: 'csv-config'` imports a CSV whose three rows name such a config instead of a video:
 * each row renders its own video (the config takes the videos in turn) and posts it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { BatchDetail, BatchSummary, CsvImportResult } from '../../../../shared/domain/batch';
import type { Config, ConfigDraft } from '../../../../shared/domain/configs';
import { endpointOverridesSchema } from '../../../../shared/domain/platforms';
import { connectEmulatorAccount, invokeEngine, openChildEngine } from '../../testing/child-engine';

const configSchema = z.object({
  mode: z.enum(['start', 'resume']),
  kind: z.enum(['distribute', 'generate', 'csv-config']).default('distribute'),
  dataDir: z.string(),
  videos: z.array(z.string()),
  clockOffsetMs: z.number(),
  endpointOverrides: endpointOverridesSchema,
  app: z.object({ clientId: z.string(), clientSecret: z.string() }),
});

const config = configSchema.parse(JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')));
const { engine, ports } = await openChildEngine({
  ...config,
  appVersion: '0.0.0-batch-crash',
  platformSettings: { youtubeChunkBytes: 256 * 1024 },
  renderHeight: 320,
});

const invoke = <T>(channel: string, input: unknown) => invokeEngine<T>(engine, channel, input);

if (config.mode === 'start') {
  const account = await connectEmulatorAccount(engine, 'youtube', config.app);
  await engine.services.accounts.updateLimits(account.id, {
    postsPerHour: null,
    postsPerDay: null,
    minGapMinutes: null,
  });
  const report = await engine.services.media.importFiles(config.videos);
  const now = ports.clock.now();
  const mediaIds = report.imported.map((item) => item.id);
  const batch =
    config.kind === 'generate'
      ? await startGenerate(account.id, mediaIds)
      : config.kind === 'csv-config'
        ? await importConfigRows(account.id, account.handle, mediaIds)
        : await invoke<BatchSummary>('batch:createDistribute', {
            name: 'Crash test',
            mediaIds: report.imported.map((item) => item.id),
            accountIds: [account.id],
            timing: 'at',
            from: now,
            to: now + 60_000,
            post: { title: 'Crash test', caption: 'crash', hashtags: [], privacy: 'public' },
            concurrency: 2,
          });
  process.stdout.write(`${JSON.stringify({ batchId: batch.id, items: batch.counts.total })}\n`);
  // Posts until the test kills this process.
} else {
  for (;;) {
    const [batch] = await invoke<BatchSummary[]>('batch:list', {});
    if (batch && (batch.state === 'done' || batch.state === 'cancelled')) {
      const detail = await invoke<BatchDetail>('batch:get', { id: batch.id });
      const runs = await engine.database.db
        .selectFrom('config_runs')
        .select('request_key')
        .where('request_key', 'is not', null)
        .execute();
      process.stdout.write(
        `${JSON.stringify({ state: batch.state, items: detail.items.map((i) => i.state), runs: runs.length })}\n`,
      );
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await engine.close();
  process.exit(0);
}

/** A batch of three topics from a config over the imported videos. */
async function startGenerate(accountId: string, mediaIds: string[]): Promise<BatchSummary> {
  const created = await createConfig('Crash topics', accountId, mediaIds);
  return invoke<BatchSummary>('batch:createGenerate', {
    name: 'Crash topics',
    configId: created.id,
    mode: 'topics',
    topics: ['First topic', 'Second topic', 'Third topic'],
    templates: { caption: 'About {topic}', title: '{topic}', overlay: '{topic}' },
    distribute: true,
    concurrency: 2,
  });
}

/** A CSV of three rows naming the config, each with its own title, to the account. */
async function importConfigRows(
  accountId: string,
  handle: string,
  mediaIds: string[],
): Promise<BatchSummary> {
  await createConfig('Crash rows', accountId, mediaIds);
  const text = [
    'account,platform,config,title,caption',
    ...['First row', 'Second row', 'Third row'].map(
      (title) => `${handle},youtube,Crash rows,${title},Posted from a row`,
    ),
  ].join('\n');
  const result = await invoke<CsvImportResult>('batch:importCsv', {
    fileName: 'crash-rows.csv',
    text,
  });
  if (!result.batch) throw new Error(`the CSV made no batch: ${JSON.stringify(result.preview)}`);
  return result.batch;
}

/** A config over the imported videos posting to the account, taking one video in turn a run. */
async function createConfig(name: string, accountId: string, mediaIds: string[]): Promise<Config> {
  const defaults = await invoke<ConfigDraft>('configs:defaults', {});
  return invoke<Config>('configs:create', {
    ...defaults,
    name,
    content: {
      ...defaults.content,
      sources: { tags: [], folders: [], itemIds: mediaIds },
      order: 'sequential',
      clipCount: 1,
      lengthSeconds: 3,
      transition: { type: 'none', durationMs: 0 },
    },
    platforms: {
      ...defaults.platforms,
      youtube: {
        ...defaults.platforms.youtube,
        enabled: true,
        privacy: 'public',
        // YouTube refuses a Short without a title; the batch gives each run its topic.
        titleTemplate: 'Crash test',
      },
    },
    distribution: {
      mode: 'spread',
      strategy: 'roundRobin',
      accountIds: [accountId],
      weights: {},
      videosPerRun: 1,
    },
  } satisfies ConfigDraft);
}

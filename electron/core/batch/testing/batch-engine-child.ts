/**
 * The engine as its own process for the batch crash test: `start` connects the YouTube sandbox
 * account, imports the videos and starts a distribute batch, then keeps posting until the test
 * kills it; `resume` starts the engine again on the same folder (later, so the dead worker's
 * leases have run out) and exits 0 once the batch is done, printing its items' states.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { BatchDetail, BatchSummary } from '../../../../shared/domain/batch';
import { endpointOverridesSchema } from '../../../../shared/domain/platforms';
import { connectEmulatorAccount, invokeEngine, openChildEngine } from '../../testing/child-engine';

const configSchema = z.object({
  mode: z.enum(['start', 'resume']),
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
  const batch = await invoke<BatchSummary>('batch:createDistribute', {
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
      process.stdout.write(
        `${JSON.stringify({ state: batch.state, items: detail.items.map((i) => i.state) })}\n`,
      );
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await engine.close();
  process.exit(0);
}

/**
 * The engine as its own process for the crash test: `post` connects the YouTube sandbox account
 * and hands a video to distribution, then keeps uploading until it is killed; `resume` starts
 * the engine again (a while later, so the dead worker's lease has run out) and exits 0 once the
 * post is published.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { endpointOverridesSchema } from '../../../../shared/domain/platforms';
import type { Account, ConnectStart } from '../../../../shared/domain/accounts';
import { ensureDirectories, makePaths } from '../../app/data-location';
import { createEngine } from '../../engine';
import { silentLogger } from '../../logging/file-logger';
import type { EnginePorts } from '../../ports';
import { noPowerEvents, randomIds, systemClock } from '../../runtime/node-ports';
import { createVaultSecretStore } from '../../secrets/vault-secret-store';

const configSchema = z.object({
  mode: z.enum(['post', 'resume']),
  dataDir: z.string(),
  videoPath: z.string(),
  clockOffsetMs: z.number(),
  endpointOverrides: endpointOverridesSchema,
  app: z.object({ clientId: z.string(), clientSecret: z.string() }),
});

const config = configSchema.parse(JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')));
const paths = makePaths(config.dataDir, path.resolve(import.meta.dirname, '../../../../resources'));
ensureDirectories(paths);
const ports: EnginePorts = {
  clock: {
    now: () => systemClock.now() + config.clockOffsetMs,
    setTimeout: (callback, ms) => systemClock.setTimeout(callback, ms),
  },
  ids: randomIds,
  logger: silentLogger,
  paths,
  secrets: createVaultSecretStore({
    file: path.join(config.dataDir, 'secrets.vault'),
    keyFile: path.join(config.dataDir, 'secrets.key'),
  }),
  notifier: { notify: () => {} },
  power: noPowerEvents,
  http: globalThis.fetch,
  events: { emit: () => {} },
  desktop: null,
};
const engine = await createEngine(ports, {
  appVersion: '0.0.0-crash',
  mode: 'headless',
  dataDirPinned: true,
  defaultDataDir: config.dataDir,
  endpointOverrides: config.endpointOverrides,
  platformSettings: { youtubeChunkBytes: 256 * 1024 },
});

async function invoke<T>(channel: string, input: unknown): Promise<T> {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

if (config.mode === 'post') {
  await engine.services.accounts.apps.save({
    platform: 'youtube',
    ...config.app,
    allowInsecureStorage: true,
  });
  const start = await invoke<ConnectStart>('accounts:connect', { platform: 'youtube' });
  const consent = await fetch(start.authorizeUrl, { redirect: 'manual' });
  await fetch(consent.headers.get('location') ?? '');
  let account: Account | undefined;
  while (!account) {
    account = (await invoke<Account[]>('accounts:list', {})).find((a) => a.platform === 'youtube');
    if (!account) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const [target] = await engine.services.distribution.distribute(
    { runVideoId: 'crash-video', configId: null, title: 'Crash test', filePath: config.videoPath },
    [
      {
        accountId: account.id,
        settings: { title: 'Crash test', caption: 'crash', privacy: 'public' },
      },
    ],
  );
  process.stdout.write(`${JSON.stringify({ targetId: target?.id })}\n`);
  // Uploads until the test kills this process.
} else {
  const db = engine.database.db;
  for (;;) {
    const row = await db.selectFrom('distribution_targets').selectAll().executeTakeFirst();
    if (row?.state === 'success' || row?.state === 'failed') {
      process.stdout.write(`${JSON.stringify({ state: row.state, error: row.error_message })}\n`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await engine.close();
  process.exit(0);
}

/**
 * The engine as its own process, for the crash test and the soak. `post` connects the YouTube
 * sandbox account and hands a video to distribution, then keeps uploading until it is killed;
 * `resume` starts the engine again (a while later, so the dead worker's lease has run out) and
 * exits 0 once the post is published. `soak` signs in one account per platform, hands over the
 * videos it is given (each once, whatever happened before), prints `done` with its targets once
 * every one is final and exits; killed at any moment and started again, it carries on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  endpointOverridesSchema,
  platformIdSchema,
  type PlatformId,
} from '../../../../shared/domain/platforms';
import type { Account, ConnectStart } from '../../../../shared/domain/accounts';
import { ensureDirectories, makePaths } from '../../app/data-location';
import { createEngine, type EngineOptions } from '../../engine';
import { silentLogger } from '../../logging/file-logger';
import type { EnginePorts } from '../../ports';
import { noPowerEvents, randomIds, systemClock } from '../../runtime/node-ports';
import { createVaultSecretStore } from '../../secrets/vault-secret-store';

const appSchema = z.object({ clientId: z.string(), clientSecret: z.string() });
const configSchema = z.object({
  mode: z.enum(['post', 'resume', 'soak']),
  dataDir: z.string(),
  videoPath: z.string(),
  clockOffsetMs: z.number(),
  endpointOverrides: endpointOverridesSchema,
  app: appSchema,
  /** The soak: every platform's app, the adapters' and uploads' timings, the videos. */
  apps: z.record(platformIdSchema, appSchema).optional(),
  platformSettings: z.record(z.string(), z.unknown()).optional(),
  uploadTimings: z.record(z.string(), z.unknown()).optional(),
  videos: z
    .array(z.object({ runVideoId: z.string(), path: z.string(), caption: z.string() }))
    .optional(),
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
  platformSettings: (config.platformSettings as EngineOptions['platformSettings']) ?? {
    youtubeChunkBytes: 256 * 1024,
  },
  uploadTimings: config.uploadTimings as EngineOptions['uploadTimings'],
  generation: null,
});

async function invoke<T>(channel: string, input: unknown): Promise<T> {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

/** Signs one account per platform in through the emulators' OAuth, as the sandbox does. */
async function signIn(platform: PlatformId, app: z.infer<typeof appSchema>): Promise<Account> {
  await engine.services.accounts.apps.saveIfMissing(platform, app);
  const known = (await invoke<Account[]>('accounts:list', {})).find((a) => a.platform === platform);
  if (known) return known;
  const start = await invoke<ConnectStart>('accounts:connect', { platform });
  const consent = await fetch(start.authorizeUrl, { redirect: 'manual' });
  await fetch(consent.headers.get('location') ?? '');
  for (;;) {
    const account = (await invoke<Account[]>('accounts:list', {})).find(
      (a) => a.platform === platform,
    );
    if (account) return account;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

if (config.mode === 'soak') {
  const accounts: Account[] = [];
  for (const [platform, app] of Object.entries(config.apps ?? {})) {
    const account = await signIn(platform as PlatformId, app);
    // The soak counts posts, not pacing: no limits of the person's own.
    await engine.services.accounts.updateLimits(account.id, {
      postsPerHour: null,
      postsPerDay: null,
      minGapMinutes: null,
    });
    accounts.push(account);
  }
  for (const video of config.videos ?? []) {
    if (await engine.services.distribution.hasRunVideo(video.runVideoId)) continue;
    await engine.services.distribution.distribute(
      { runVideoId: video.runVideoId, configId: null, title: video.caption, filePath: video.path },
      accounts.map((account) => ({
        accountId: account.id,
        settings: { title: video.caption, caption: video.caption, privacy: 'public' },
      })),
    );
  }
  const db = engine.database.db;
  for (;;) {
    const rows = await db.selectFrom('distribution_targets').selectAll().execute();
    if (rows.every((row) => row.state === 'success' || row.state === 'failed')) {
      process.stdout.write(
        `done ${JSON.stringify(
          rows.map((row) => ({
            id: row.id,
            platform: row.platform,
            state: row.state,
            remoteId: row.remote_id,
            error: row.error_message,
            tookMs: row.published_at === null ? null : row.published_at - row.created_at,
          })),
        )}\n`,
      );
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await engine.close();
  process.exit(0);
} else if (config.mode === 'post') {
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

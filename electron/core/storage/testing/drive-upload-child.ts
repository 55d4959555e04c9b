/**
 * The engine as its own process for the Drive crash test: `upload` connects Drive and queues one
 * file, then keeps uploading until it is killed; `resume` starts the engine again (a while later,
 * so the dead worker's lease has run out) and exits once the upload is done.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ConnectStart } from '../../../../shared/domain/accounts';
import type { StorageStatus } from '../../../../shared/domain/storage';
import { endpointOverridesSchema } from '../../../../shared/domain/platforms';
import { createEngine } from '../../engine';
import { childEnginePorts } from '../../testing/child-engine';

const configSchema = z.object({
  mode: z.enum(['upload', 'resume']),
  dataDir: z.string(),
  filePath: z.string(),
  clockOffsetMs: z.number(),
  endpointOverrides: endpointOverridesSchema,
  app: z.object({ clientId: z.string(), clientSecret: z.string() }),
});

const config = configSchema.parse(JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')));
const ports = childEnginePorts(config.dataDir, config.clockOffsetMs);
const engine = await createEngine(ports, {
  appVersion: '0.0.0-crash',
  mode: 'headless',
  dataDirPinned: true,
  defaultDataDir: config.dataDir,
  endpointOverrides: config.endpointOverrides,
  drive: { chunkBytes: 256 * 1024 },
});

async function invoke<T>(channel: string, input: unknown): Promise<T> {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

if (config.mode === 'upload') {
  await engine.services.accounts.apps.save({
    platform: 'youtube',
    ...config.app,
    allowInsecureStorage: true,
  });
  const start = await invoke<ConnectStart>('storage:connect', {});
  const consent = await fetch(start.authorizeUrl, { redirect: 'manual' });
  await fetch(consent.headers.get('location') ?? '');
  while (!(await engine.services.storage.isConnected()))
    await new Promise((r) => setTimeout(r, 20));
  const upload = await engine.services.storage.enqueueUpload({
    kind: 'render',
    sourceId: 'crash-video',
    filePath: config.filePath,
    name: 'crash.mp4',
    mimeType: 'video/mp4',
    folderKey: 'renders/2026-01',
  });
  process.stdout.write(`${JSON.stringify({ uploadId: upload.id })}\n`);
  // Uploads until the test kills this process.
} else {
  for (;;) {
    const status = await invoke<StorageStatus>('storage:status', {});
    const upload = status.uploads.recent[0];
    if (upload?.state === 'done' || upload?.state === 'failed') {
      process.stdout.write(`${JSON.stringify({ state: upload.state, message: upload.message })}\n`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await engine.close();
  process.exit(0);
}

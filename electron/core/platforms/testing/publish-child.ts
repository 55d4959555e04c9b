import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { z } from 'zod';
import { platformIdSchema } from '../../../../shared/domain/platforms';
import { createPlatformAdapter } from '../platform-adapters';

/**
 * Runs one publish in its own process, the way the engine's job runner will: state goes to a
 * JSON file (written atomically) before each step, and a restart continues from it. The crash
 * test kills this process with SIGKILL mid-upload and starts it again.
 */
const configSchema = z.object({
  platform: platformIdSchema,
  settings: z.record(z.string(), z.unknown()),
  accessToken: z.string(),
  statePath: z.string(),
  resultPath: z.string(),
  job: z.object({
    id: z.string(),
    targetId: z.string().optional(),
    video: z.object({
      path: z.string(),
      sizeBytes: z.number(),
      durationSec: z.number(),
      width: z.number(),
      height: z.number(),
      fps: z.number(),
      mimeType: z.string(),
    }),
    settings: z.object({
      title: z.string().optional(),
      caption: z.string(),
      privacy: z.enum(['public', 'unlisted', 'private', 'friends']),
    }),
  }),
});

const config = configSchema.parse(JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')));
const adapter = createPlatformAdapter(config.platform, config.settings);
const state: unknown = existsSync(config.statePath)
  ? JSON.parse(readFileSync(config.statePath, 'utf8'))
  : undefined;

const saveState = (next: unknown) => {
  const temp = `${config.statePath}.tmp`;
  writeFileSync(temp, JSON.stringify(next));
  renameSync(temp, config.statePath);
  return Promise.resolve();
};
const result = await adapter.publish(
  { ...config.job, state },
  {
    getAccessToken: () => Promise.resolve(config.accessToken),
    saveState,
    beforeIrreversible: saveState,
  },
);
writeFileSync(config.resultPath, JSON.stringify(result));

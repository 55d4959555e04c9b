import { generateCreateInputSchema, type GenerateCreateInput } from '../../../shared/domain/batch';
import { readDefinition, type ConfigService } from '../configs/configs-module';
import type { NewBatchItemRow } from '../db/schema';
import { AppError } from '../errors';
import { BATCH_PRIORITY } from '../jobs/jobs-module';
import type { Clock, IdGenerator } from '../ports';
import type { BatchRepository } from './batch-repository';
import { checkGenerate, type GenerateSettings } from './generate-items';

/**
 * Makes a generate batch: the config as it is now, the batch's text and one item per video
 * (N, or one per topic line). Checks every line against the config's rules first and makes
 * nothing when one breaks them.
 */
export async function createGenerateBatch(
  deps: {
    repository: BatchRepository;
    configs: Pick<ConfigService, 'require'>;
    clock: Clock;
    ids: IdGenerator;
  },
  input: GenerateCreateInput,
): Promise<string> {
  const parsed = generateCreateInputSchema.parse(input);
  const row = await deps.configs.require(parsed.configId);
  const settings: GenerateSettings = {
    configId: parsed.configId,
    config: readDefinition(row),
    templates: parsed.templates,
    distribute: parsed.distribute,
  };
  if (parsed.distribute && settings.config.distribution.accountIds.length === 0)
    throw new AppError(
      'BAD_INPUT',
      `${settings.config.name} posts to no account. Add accounts to the config, or only render.`,
    );
  const topics = parsed.mode === 'topics' ? parsed.topics : null;
  const problems = checkGenerate(settings, topics);
  if (problems.length > 0)
    throw new AppError(
      'BAD_INPUT',
      `Nothing was created. ${problems.slice(0, 3).join(' ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`,
    );
  const now = deps.clock.now();
  const batchId = deps.ids.newId();
  const lines: Array<string | null> = topics ?? Array.from({ length: parsed.count }, () => null);
  const items: NewBatchItemRow[] = lines.map((topic, position) => ({
    id: deps.ids.newId(),
    batch_id: batchId,
    position,
    row_number: null,
    row_key: `generate:${batchId}:${position}`,
    external_id: null,
    account_id: null,
    platform: null,
    media_id: null,
    media_path: null,
    media_name: topic ?? `${settings.config.name} #${position + 1}`,
    post: JSON.stringify({ title: '', caption: '', hashtags: [], privacy: 'public' }),
    planned_at: null,
    state: 'pending',
    message: null,
    topic,
    job_id: null,
    target_id: null,
    run_id: null,
    started_at: null,
    finished_at: null,
    created_at: now,
    updated_at: now,
  }));
  const startAt = Math.max(parsed.startAt ?? now, now);
  await deps.repository.createBatch(
    {
      id: batchId,
      name: parsed.name,
      kind: 'generate',
      state: startAt > now ? 'waiting' : 'running',
      concurrency: parsed.concurrency,
      priority: BATCH_PRIORITY,
      start_at: startAt,
      created_at: now,
      updated_at: now,
      finished_at: null,
      generate: JSON.stringify(settings),
    },
    items,
  );
  return batchId;
}

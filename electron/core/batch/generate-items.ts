import { z } from 'zod';
import {
  generateTemplatesSchema,
  TOPIC_VARIABLE,
  type GenerateTemplates,
} from '../../../shared/domain/batch';
import {
  configDraftSchema,
  type ConfigDraft,
  type ConfigRun,
} from '../../../shared/domain/configs';
import { platformIds } from '../../../shared/domain/platforms';
import type { BatchItemRow } from '../db/schema';
import { AppError } from '../errors';
import { fillVariable } from '../generation/generation-module';
import type { JobContext } from '../jobs/jobs-module';
import type { ExecutionService } from '../runs/runs-module';
import { configIdOf } from './batch-item-job';
import type { BatchRepository, RunTarget } from './batch-repository';

const topicName = TOPIC_VARIABLE.slice(1, -1);

/** What a generate batch keeps: the config as it was when the batch was made, and its text. */
export const generateSettingsSchema = z.object({
  configId: z.string(),
  config: configDraftSchema,
  templates: generateTemplatesSchema,
  distribute: z.boolean(),
});
export type GenerateSettings = z.infer<typeof generateSettingsSchema>;

/**
 * The config one item's run records: one video, the batch's text (with its topic filled in)
 * over the config's, and no accounts when the batch only renders. The config itself is never
 * changed. Throws the problem in words when the text breaks the config's rules.
 */
export function runConfigFor(settings: GenerateSettings, topic: string | null): ConfigDraft {
  const fill = (template: string) =>
    topic === null ? template : fillVariable(template, topicName, topic);
  const { config, templates } = settings;
  const platforms = { ...config.platforms };
  for (const id of platformIds) {
    platforms[id] = {
      ...platforms[id],
      captionTemplate: fill(templates.caption || platforms[id].captionTemplate),
      titleTemplate: fill(templates.title || platforms[id].titleTemplate),
    };
  }
  const overlay = config.content.textOverlay;
  const draft: ConfigDraft = {
    ...config,
    content: {
      ...config.content,
      textOverlay: templates.overlay
        ? { ...overlay, enabled: true, template: fill(templates.overlay) }
        : { ...overlay, template: fill(overlay.template) },
    },
    platforms,
    distribution: settings.distribute
      ? { ...config.distribution, videosPerRun: 1 }
      : { ...config.distribution, accountIds: [], weights: {}, videosPerRun: 1 },
  };
  const parsed = configDraftSchema.safeParse(draft);
  if (!parsed.success) {
    throw new AppError(
      'BAD_INPUT',
      `${topic === null ? 'The text' : `With the topic "${topic}", the text`} does not fit the config: ${parsed.error.issues[0]?.message ?? 'it breaks its rules'}`,
    );
  }
  return parsed.data;
}

/** Checks the batch's templates and topics before anything is made; problems in words by line. */
export function checkGenerate(
  settings: GenerateSettings,
  topics: readonly string[] | null,
): string[] {
  const problems: string[] = [];
  for (const [label, template] of Object.entries(settings.templates) as Array<
    [keyof GenerateTemplates, string]
  >) {
    for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
      if (topics === null && match[0] === TOPIC_VARIABLE)
        problems.push(`The ${label} uses ${TOPIC_VARIABLE}, which only a topic list fills.`);
    }
  }
  const lines = topics ?? [null];
  lines.forEach((topic, index) => {
    if (topic !== null && /[{}]/.test(topic)) {
      problems.push(`Line ${index + 1}: a topic cannot hold { or }.`);
      return;
    }
    try {
      runConfigFor(settings, topic);
    } catch (error) {
      const where = topic === null ? '' : `Line ${index + 1}: `;
      problems.push(`${where}${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return problems;
}

export interface GenerateItemsDeps {
  repository: BatchRepository;
  runs: Pick<ExecutionService, 'startRunOnce' | 'requireRun' | 'cancelRun'>;
  updateItem(id: string, update: Partial<BatchItemRow>): Promise<BatchItemRow>;
  finishItem(
    item: BatchItemRow,
    outcome: { state: BatchItemRow['state']; message: string | null },
  ): Promise<void>;
  feed(batchId: string): Promise<void>;
  now(): number;
}

const finalRun = new Set<ConfigRun['state']>(['succeeded', 'partial', 'failed', 'cancelled']);

/** The request key of an item's run: a retry after its run failed starts a new one. */
export function runKeyOf(item: Pick<BatchItemRow, 'id' | 'round'>, retry: boolean): string {
  return retry ? `batch-item:${item.id}:${item.round}` : `batch-item:${item.id}`;
}

/**
 * Generate items: each item's job starts one config run under the item's request key (so a
 * crash or a second start finds the same run), then the item follows the run's video and its
 * posts to the end.
 */
export class GenerateItems {
  constructor(private readonly deps: GenerateItemsDeps) {}

  async run(item: BatchItemRow, settingsText: string | null, context: JobContext) {
    const settings = generateSettingsSchema.parse(JSON.parse(settingsText ?? 'null'));
    let retry = false;
    if (item.run_id) {
      const previous = await this.deps.runs.requireRun(item.run_id).catch(() => null);
      if (previous && !(previous.state === 'failed' || previous.state === 'cancelled')) {
        await this.deps.updateItem(item.id, { state: 'running', message: 'Following its run…' });
        await this.sync(item.id);
        return { runId: previous.id };
      }
      retry = true;
    }
    await this.deps.updateItem(item.id, {
      state: 'running',
      message: 'Starting its run…',
      started_at: item.started_at ?? this.deps.now(),
    });
    const config = runConfigFor(settings, item.topic);
    // The last step before a render can start: nothing is started once the job was stopped.
    context.signal.throwIfAborted();
    const run = await this.deps.runs.startRunOnce(runKeyOf(item, retry), settings.configId, config);
    await this.deps.updateItem(item.id, { run_id: run.id });
    await this.sync(item.id);
    return { runId: run.id };
  }

  /**
   * Cancels a started item: its render stops (the run's jobs are cancelled); a video rendered
   * already keeps its posts, and nothing posted is taken down.
   */
  async cancel(item: BatchItemRow): Promise<void> {
    await this.deps.finishItem(item, {
      state: 'cancelled',
      message: 'Cancelled: its render stopped; posts already out stay.',
    });
    if (item.run_id) await this.deps.runs.cancelRun(item.run_id).catch(() => undefined);
  }

  /** Follows the item's run and posts into its state and words. */
  async sync(itemId: string): Promise<void> {
    const item = await this.deps.repository.getItem(itemId);
    // A CSV item's run only renders its video: the item itself follows its post.
    if (!item?.run_id || item.state !== 'running' || configIdOf(item) !== null) return;
    const run = await this.deps.runs.requireRun(item.run_id).catch(() => null);
    if (!run) {
      await this.deps.finishItem(item, {
        state: 'failed',
        message: 'Its run was deleted with its config.',
      });
      await this.deps.feed(item.batch_id);
      return;
    }
    const targets = await this.deps.repository.targetsOfRun(run.id);
    const outcome = outcomeOf(run, targets);
    if (outcome.final) {
      await this.deps.finishItem(item, { state: outcome.state, message: outcome.message });
      await this.deps.feed(item.batch_id);
    } else if (item.message !== outcome.message) {
      await this.deps.updateItem(item.id, { message: outcome.message });
    }
  }

  async syncRun(runId: string): Promise<void> {
    for (const item of await this.deps.repository.itemsOfRun(runId)) await this.sync(item.id);
  }

  async syncTarget(targetId: string): Promise<void> {
    const runId = await this.deps.repository.runOfTarget(targetId);
    if (runId) await this.syncRun(runId);
  }

  /** After a restart: runs and posts may have moved on while nothing listened. */
  async syncAll(): Promise<void> {
    for (const item of await this.deps.repository.runningWithRun()) await this.sync(item.id);
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** An item's state and words from its run and the posts of its video. */
export function outcomeOf(
  run: ConfigRun,
  targets: readonly RunTarget[],
):
  | { final: true; state: BatchItemRow['state']; message: string }
  | { final: false; message: string } {
  const videos = run.videos.length;
  const rendered = run.videos.filter((v) => v.state === 'rendered').length;
  if (!finalRun.has(run.state)) {
    const progress = run.videos[0]?.progress ?? 0;
    return {
      final: false,
      message:
        rendered === videos && videos > 0
          ? 'Rendered; handing it to distribution…'
          : `Rendering… ${Math.round(progress * 100)}%`,
    };
  }
  if (rendered === 0) {
    return {
      final: true,
      state: run.state === 'cancelled' ? 'cancelled' : 'failed',
      message:
        run.state === 'cancelled'
          ? 'Its run was cancelled.'
          : `Not rendered: ${run.error ?? 'the render failed.'}`,
    };
  }
  const expected = run.videos.reduce(
    (n, v) => n + (v.state === 'rendered' ? v.accountIds.length : 0),
    0,
  );
  if (expected === 0) return { final: true, state: 'succeeded', message: 'Rendered.' };
  const posted = targets.filter((t) => t.state === 'success').length;
  const failed = targets.filter((t) => t.state === 'failed');
  if (targets.length < expected || posted + failed.length < expected) {
    const waiting = targets.filter((t) => t.state === 'pending' && t.waiting_until !== null);
    return {
      final: false,
      message: `Rendered; posted ${posted} of ${expected}${failed.length ? `, ${failed.length} failed` : ''}${waiting.length ? `; ${waiting.length} waiting for a free slot under the account’s pacing` : ''}.`,
    };
  }
  if (failed.length > 0) {
    return {
      final: true,
      state: 'failed',
      message: `Rendered; posted ${posted} of ${expected}. ${failed[0]?.error_message ?? 'A post failed.'} Retry it in Distribution.`,
    };
  }
  return {
    final: true,
    state: 'succeeded',
    message: `Rendered and posted to ${plural(expected, 'account')}.`,
  };
}

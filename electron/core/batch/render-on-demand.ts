import type { BatchPost } from '../../../shared/domain/batch';
import type { ConfigDraft, ConfigRun } from '../../../shared/domain/configs';
import { readDefinition, type ConfigService } from '../configs/configs-module';
import type { BatchItemRow, BatchItemUpdate } from '../db/schema';
import { PermanentJobError, type JobContext } from '../jobs/jobs-module';
import type { ExecutionService } from '../runs/runs-module';
import { runConfigFor, runKeyOf } from './generate-items';

const POLL_MS = 250;
/** A render longer than this is given up for now; the job's next attempt finds the same run. */
const RENDER_DEADLINE_MS = 60 * 60_000;

export interface RenderOnDemandDeps {
  configs: Pick<ConfigService, 'require'>;
  runs: Pick<ExecutionService, 'startRunOnce' | 'requireRun'>;
  updateItem(id: string, update: BatchItemUpdate): Promise<BatchItemRow>;
  now(): number;
}

const finalRun = new Set<ConfigRun['state']>(['succeeded', 'partial', 'failed', 'cancelled']);

/**
 * The config a row's run records: one video, no accounts (the item posts the video itself), and
 * the row's caption and title over the config's. Throws the problem in words when the row's
 * text breaks the config's rules.
 */
export function rowRunConfig(configId: string, config: ConfigDraft, post: BatchPost): ConfigDraft {
  return runConfigFor(
    {
      configId,
      config,
      templates: { caption: post.caption, title: post.title, overlay: '' },
      distribute: false,
    },
    null,
  );
}

/** Waits `ms`, or rejects as soon as the job is stopped. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal.addEventListener('abort', stop, { once: true });
  });
}

/**
 * A CSV row naming a config: its item renders one video from the config through a config run,
 * exactly as a generate batch's item does (started once under the item's request key, one
 * video, no accounts, the row's caption and title as the run's text), and then posts the
 * rendered file as a media row's item posts its video. Returns the rendered file's path.
 */
export async function renderOnDemand(
  deps: RenderOnDemandDeps,
  item: BatchItemRow,
  configId: string,
  post: BatchPost,
  context: JobContext,
): Promise<string> {
  let retry = false;
  if (item.run_id) {
    const previous = await deps.runs.requireRun(item.run_id).catch(() => null);
    retry = !previous || previous.state === 'failed' || previous.state === 'cancelled';
  }
  const row = await deps.configs.require(configId).catch(() => {
    throw new PermanentJobError(
      'Its config was deleted. Import the row again with another config.',
    );
  });
  let config: ConfigDraft;
  try {
    config = rowRunConfig(configId, readDefinition(row), post);
  } catch (error) {
    // The config changed since the import: the same text fails the same way again.
    throw new PermanentJobError(error instanceof Error ? error.message : String(error));
  }
  await deps.updateItem(item.id, { message: 'Rendering its video…' });
  // The last step before a render can start: nothing is started once the job was stopped.
  context.signal.throwIfAborted();
  let run = await deps.runs.startRunOnce(runKeyOf(item, retry), configId, config);
  if (run.id !== item.run_id) await deps.updateItem(item.id, { run_id: run.id });
  const deadline = deps.now() + RENDER_DEADLINE_MS;
  while (!finalRun.has(run.state)) {
    if (deps.now() > deadline)
      throw new Error('Its render is taking over an hour; it is checked again shortly.');
    await pause(POLL_MS, context.signal);
    run = await deps.runs.requireRun(run.id);
  }
  const video = run.videos.find((v) => v.state === 'rendered' && v.outputPath);
  if (!video?.outputPath)
    throw new PermanentJobError(
      run.state === 'cancelled'
        ? 'Its render was cancelled.'
        : `Not rendered: ${run.error ?? video?.error ?? 'the render failed.'} Fix the config, then retry this item.`,
    );
  return video.outputPath;
}

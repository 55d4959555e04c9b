/**
 * The render step of a run's render job: pick the clips, plan the video, render it into a fresh
 * file and record that file at once. Kept apart from the execution service, which decides
 * whether to render at all and what happens to the video afterwards (the hand-over).
 */
import { access } from 'node:fs/promises';
import type { ConfigDraft } from '../../../shared/domain/configs';
import type { ConfigRunVideoRow } from '../db/schema';
import { describeError } from '../errors';
import { pickClips, planVideo, type GenerationPorts } from '../generation/generation-module';
import type { JobContext } from '../jobs/jobs-module';
import type { Clock, Logger } from '../ports';
import { parseJsonArray } from './run-records';
import type { ConfigRunWithVideos, RunRepository } from './run-repository';

export interface RenderStepDeps {
  repository: RunRepository;
  clock: Clock;
  logger: Logger;
  /** Pushes the run to the UI (progress included). */
  publish(runId: string): Promise<void>;
}

/** Whether a rendered file is still there (a job run again after a crash hands it over). */
export function fileExists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Renders into a fresh file and records it (still `rendering` until handed over). */
export async function renderRunVideo(
  deps: RenderStepDeps,
  video: ConfigRunVideoRow,
  run: ConfigRunWithVideos,
  config: ConfigDraft,
  configId: string,
  generation: GenerationPorts,
  context: JobContext,
): Promise<{ outputPath: string; title: string }> {
  const { repository } = deps;
  await repository.updateVideo(video.id, { state: 'rendering', progress: 0, error: null });
  await deps.publish(run.id);
  const clips = await pickClips(generation.media, config, parseJsonArray(video.media_ids), () =>
    repository.takeMediaOffset(configId, config.content.clipCount),
  );
  await repository.updateVideo(video.id, {
    media_ids: JSON.stringify(clips.map((clip) => clip.id)),
  });
  const plan = await planVideo(
    generation.media,
    config,
    {
      at: run.scheduled_for ?? run.created_at,
      runId: run.id,
      index: video.position + 1,
      count: run.videos.length,
    },
    clips,
  );
  let saved = 0;
  const renderStarted = deps.clock.now();
  const result = await generation.render.render(
    plan,
    (fraction) => {
      context.progress(fraction, `Rendering video ${video.position + 1}`);
      if (fraction - saved < 0.05 && fraction < 1) return;
      saved = fraction;
      void repository
        .updateVideo(video.id, { progress: Math.min(1, Math.max(0, fraction)) })
        .then(() => deps.publish(run.id))
        .catch((error: unknown) =>
          deps.logger.warn('render progress not saved', {
            videoId: video.id,
            error: describeError(error),
          }),
        );
    },
    context.signal,
  );
  // Recorded at once: a crash from here on hands this file over instead of rendering again.
  await repository.updateVideo(video.id, {
    progress: 1,
    output_path: result.outputPath,
    duration_ms: Math.round(result.durationMs),
    render_ms: Math.max(0, deps.clock.now() - renderStarted),
  });
  return { outputPath: result.outputPath, title: clips[0]?.title ?? config.name };
}

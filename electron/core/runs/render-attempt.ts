import { describeError } from '../errors';
import { renderingUnavailable, type GenerationPorts } from '../generation/generation-module';
import { PermanentJobError, type JobHandler } from '../jobs/jobs-module';
import type { Clock, Logger } from '../ports';
import { renderedVideo, type RenderedHandOver } from './rendered-hand-over';
import { readSnapshot } from './run-records';
import type { ConfigRunWithVideos, RunRepository } from './run-repository';
import { fileExists, renderRunVideo, type RenderStepDeps } from './render-step';

type RenderContext = Parameters<JobHandler<{ videoId: string }>['run']>[1];

/** What one attempt of a render job needs from the execution service that owns the run. */
export interface RenderAttemptDeps {
  repository: RunRepository;
  clock: Clock;
  logger: Logger;
  generation: GenerationPorts | null;
  renderStep: RenderStepDeps;
  handOver: RenderedHandOver;
  requireRunRow(runId: string): Promise<ConfigRunWithVideos>;
  settleRun(runId: string): Promise<void>;
  publish(runId: string): Promise<void>;
}

/**
 * Renders one video and hands it to distribution; the video is `rendered` only once handed
 * over. A video whose file already exists (the job ran again after a crash, or the hand-over
 * failed) is not rendered again: the file a post may be uploading is never touched, and only
 * the hand-over is repeated. A hand-over that fails fails the attempt, with words on the run.
 * Apart from the service so its run bookkeeping (start, cancel, settle) reads on its own.
 */
export async function renderAttempt(
  deps: RenderAttemptDeps,
  { videoId }: { videoId: string },
  context: RenderContext,
) {
  const video = await deps.repository.getVideo(videoId);
  // The config (and with it the run) was deleted after the job was queued: nothing to do.
  if (!video) return { skipped: true };
  if (video.state === 'rendered') return { outputPath: video.output_path, skipped: true };
  const run = await deps.requireRunRow(video.run_id);
  const { config, configId } = readSnapshot(run);
  const generation = deps.generation;
  if (!generation) throw new PermanentJobError(renderingUnavailable().message);

  try {
    let outputPath = video.output_path;
    let title = config.name;
    if (outputPath && (await fileExists(outputPath))) {
      deps.logger.info('video already rendered; handing it over again', {
        videoId: video.id,
        outputPath,
      });
    } else {
      const rendered = await renderRunVideo(
        deps.renderStep,
        video,
        run,
        config,
        configId,
        generation,
        context,
      );
      outputPath = rendered.outputPath;
      title = rendered.title;
    }
    try {
      await deps.handOver.give(renderedVideo(run, video, { config, configId }, outputPath, title));
    } catch (error) {
      throw new Error(
        `The video was rendered but could not be handed to posting: ${describeError(error)}`,
        { cause: error },
      );
    }
    await deps.repository.updateVideo(video.id, {
      state: 'rendered',
      progress: 1,
      error: null,
      finished_at: deps.clock.now(),
    });
    await deps.settleRun(run.id);
    return { outputPath };
  } catch (error) {
    if (!context.signal.aborted) {
      const retrying =
        !(error instanceof PermanentJobError) && context.attempt < context.maxAttempts;
      await deps.repository.updateVideo(video.id, {
        state: retrying ? 'queued' : 'rendering',
        error: retrying
          ? `Attempt ${context.attempt} of ${context.maxAttempts} failed: ${describeError(error)} It will be retried.`
          : describeError(error),
      });
      await deps.publish(run.id);
    }
    throw error;
  }
}

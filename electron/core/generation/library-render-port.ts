import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { MediaItem } from '../../../shared/domain/media';
import type { RenderResult as EngineResult, RenderProgress } from '../../../shared/domain/render';
import { PermanentJobError } from '../jobs/jobs-module';
import type { MediaService } from '../media/media-module';
import type { Logger } from '../ports';
import { RenderError, type PreviewOptions, type RenderEngine } from '../render/render-module';
import type { RenderPlan, RenderPort, RenderResult } from './generation-ports';
import { buildRenderPlan } from './render-plan-builder';

type Library = Pick<MediaService, 'getMany' | 'registerRendered'>;

/** A media tag made from a config name (tags hold no commas or line breaks, 60 characters). */
export function tagForConfig(name: string): string | null {
  const tag = name
    .replace(/[,\n\r\t]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, 60)
    .trim();
  return tag === '' ? null : tag;
}

/**
 * What the job queue should do with a failed render: a cancelled render, a missing ffmpeg or a
 * bad source will fail the same way again, so the job ends at once; an ffmpeg crash is retried
 * up to the job's attempts.
 */
export function toJobError(error: unknown): unknown {
  if (error instanceof RenderError && error.reason !== 'ffmpeg') {
    return new PermanentJobError(error.message);
  }
  return error;
}

/**
 * The RenderPort of config runs: looks up each clip's probed facts in the library, renders into
 * `mediaDir/renders/`, and adds the video to the library tagged with the config's name.
 * `renderHeight` (tests only) renders every video at that small frame height.
 */
export class LibraryRenderPort implements RenderPort {
  constructor(
    private readonly deps: {
      engine: RenderEngine;
      library: Library;
      rendersDir: string;
      logger: Logger;
      renderHeight?: number | null;
    },
  ) {}

  async render(
    plan: RenderPlan,
    onProgress: (fraction: number) => void,
    signal: AbortSignal,
  ): Promise<RenderResult> {
    // A fresh name for every render: a render after a crash never touches a file a post uses.
    const outputPath = path.join(
      this.deps.rendersDir,
      `${plan.outputName}-${randomBytes(4).toString('hex')}.mp4`,
    );
    let result: EngineResult;
    try {
      const enginePlan = buildRenderPlan(plan, await this.itemsOf(plan), {
        outputPath,
        previewHeight: this.deps.renderHeight ?? null,
      });
      result = await this.deps.engine.render(
        enginePlan,
        (progress: RenderProgress) => onProgress(progress.fraction),
        signal,
      );
    } catch (error) {
      throw toJobError(error);
    }
    const tag = tagForConfig(plan.configName);
    const item = await this.deps.library.registerRendered(result.outputPath, tag ? [tag] : []);
    this.deps.logger.info('rendered video added to the library', {
      mediaId: item.id,
      outputPath: result.outputPath,
    });
    // The video's own file, even when the library already held the same bytes under an
    // earlier video's file: each video keeps the file it was rendered to.
    return { outputPath: result.outputPath, durationMs: result.durationMs };
  }

  /** The first seconds at a low resolution, into `outputPath` (not added to the library). */
  async preview(
    plan: RenderPlan,
    outputPath: string,
    options: PreviewOptions,
    onProgress: (progress: RenderProgress) => void,
    signal?: AbortSignal,
  ): Promise<EngineResult> {
    const enginePlan = buildRenderPlan(plan, await this.itemsOf(plan), { outputPath });
    return this.deps.engine.renderPreview(enginePlan, options, onProgress, signal);
  }

  private async itemsOf(plan: RenderPlan): Promise<Map<string, MediaItem>> {
    const ids = plan.clips.map((clip) => clip.id);
    return new Map((await this.deps.library.getMany(ids)).map((item) => [item.id, item]));
  }
}

import { access, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ZodError } from 'zod';
import {
  renderPlanSchema,
  type RenderPlan,
  type RenderPlanInput,
  type RenderProgress,
  type RenderResult,
} from '../../../shared/domain/render';
import { AppError } from '../errors';
import type { Logger } from '../ports';
import {
  cpuCount,
  bitrateCap,
  defaultEncoderSettings,
  encoderArgs,
  TIGHTEST_PLATFORM_BYTES,
  type EncoderSettings,
} from './encoder-settings';
import { RenderError, runFfmpeg } from './ffmpeg-process';
import { ProgressParser } from './ffmpeg-progress';
import { buildFilterGraph } from './filter-graph';
import { partialPathFor, publishOutput } from './partial-output';
import {
  renderVariant,
  type PlatformVariant,
  type VariantPlatform,
  type VariantSource,
} from './platform-variants';

export interface FfmpegPaths {
  ffmpegPath: string;
  ffprobePath: string | null;
}

export interface RenderEngineOptions {
  /** Finds ffmpeg for each render, so a path changed in Settings applies to the next video. */
  resolveFfmpeg: () => Promise<FfmpegPaths>;
  /** The caption font, normally `resources/fonts/DejaVuSans-Bold.ttf`. */
  fontFile: string;
  /** Where per-render work folders (graph script, caption files) are made and removed. */
  tempDir: string;
  logger: Logger;
  encoder?: EncoderSettings;
}

export type ProgressCallback = (progress: RenderProgress) => void;

export interface PreviewOptions {
  /** How many seconds from the start (default 5). */
  seconds?: number;
  /** Frame height of the preview (default 480). */
  height?: number;
}

export interface RenderEngine {
  /**
   * Renders the plan into `plan.outputPath`, which must not exist yet (a rendered video is
   * never replaced: a post may be uploading it); nothing is left there unless it succeeds.
   */
  render(
    plan: RenderPlanInput,
    onProgress?: ProgressCallback,
    signal?: AbortSignal,
  ): Promise<RenderResult>;
  /** A quick low-resolution render of the first seconds of the plan, for the config screen. */
  renderPreview(
    plan: RenderPlanInput,
    options?: PreviewOptions,
    onProgress?: ProgressCallback,
    signal?: AbortSignal,
  ): Promise<RenderResult>;
  /** The file to upload to `platform`: the video itself, or a scaled copy when the platform needs one. */
  variantFor(
    platform: VariantPlatform,
    video: VariantSource,
    onProgress?: ProgressCallback,
    signal?: AbortSignal,
  ): Promise<PlatformVariant>;
}

function parsePlan(input: RenderPlanInput): RenderPlan {
  try {
    return renderPlanSchema.parse(input);
  } catch (error) {
    if (error instanceof ZodError) {
      const issues = error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      }));
      throw new AppError(
        'BAD_INPUT',
        `The render plan is invalid: ${issues.map((i) => `${i.path || 'plan'}: ${i.message}`).join('; ')}`,
        { issues },
      );
    }
    throw error;
  }
}

async function assertReadable(files: string[], what: string): Promise<void> {
  const missing: string[] = [];
  for (const file of new Set(files)) {
    try {
      await access(file);
    } catch {
      missing.push(file);
    }
  }
  if (missing.length > 0) {
    throw new RenderError(
      'input',
      `${what} cannot be found: ${missing.join(', ')}. It may have been moved or deleted; re-import it in the media library or remove it from the config.`,
    );
  }
}

export function createRenderEngine(options: RenderEngineOptions): RenderEngine {
  const encoder = options.encoder ?? defaultEncoderSettings;
  const logger = options.logger;

  async function renderPlan(
    plan: RenderPlan,
    limitSec: number | null,
    onProgress: ProgressCallback | undefined,
    signal: AbortSignal | undefined,
    /** Previews are replaced as they change; a video never is. */
    replace: boolean,
  ): Promise<RenderResult> {
    const started = Date.now();
    await assertReadable(
      [...plan.clips.map((c) => c.source.path), ...(plan.audio ? [plan.audio.path] : [])],
      'A source file',
    );
    if (plan.overlays.length > 0) {
      await assertReadable([options.fontFile], 'The caption font bundled with ReelPilot');
    }
    const ffmpeg = await options.resolveFfmpeg();
    await mkdir(options.tempDir, { recursive: true });
    const workDir = await mkdtemp(path.join(options.tempDir, 'render-'));
    const outputPath = path.resolve(plan.outputPath);
    const partial = partialPathFor(outputPath);
    try {
      const built = buildFilterGraph(plan, { fontFile: path.resolve(options.fontFile), workDir });
      for (const text of built.textFiles) await writeFile(text.file, text.content, 'utf8');
      const scriptFile = path.join(workDir, 'graph.txt');
      await writeFile(scriptFile, built.graph, 'utf8');
      await mkdir(path.dirname(outputPath), { recursive: true });

      const totalFrames =
        limitSec === null
          ? built.totalFrames
          : Math.min(built.totalFrames, Math.round(limitSec * built.fps));
      const durationSec = totalFrames / built.fps;
      const parser = new ProgressParser(totalFrames, durationSec, (progress) =>
        onProgress?.(progress),
      );
      const args = [
        '-hide_banner',
        '-nostdin',
        '-loglevel',
        'error',
        '-nostats',
        '-progress',
        'pipe:1',
        ...built.inputArgs,
        '-filter_complex_script',
        scriptFile,
        '-filter_complex_threads',
        String(cpuCount()),
        '-map',
        '[vout]',
        '-map',
        '[aout]',
        ...encoderArgs(
          built.fps,
          bitrateCap(
            { width: built.width, height: built.height, fps: built.fps, durationSec },
            plan.maxBytes ?? TIGHTEST_PLATFORM_BYTES,
            encoder,
          ),
          encoder,
        ),
        ...(limitSec === null ? [] : ['-frames:v', String(totalFrames), '-t', String(durationSec)]),
        '-y',
        partial,
      ];
      logger.debug('render started', {
        outputPath,
        frames: totalFrames,
        size: `${built.width}x${built.height}`,
      });
      await runFfmpeg({
        ffmpegPath: ffmpeg.ffmpegPath,
        args,
        signal,
        onStdout: (chunk) => parser.push(chunk),
        what: 'the video',
      });
      // A clip that ends early (a probe that overstated its length, a truncated file) would
      // otherwise pass as a shorter video.
      if (parser.encodedFrames !== null && parser.encodedFrames !== totalFrames) {
        throw new RenderError(
          'input',
          `The video came out with ${parser.encodedFrames} frames instead of ${totalFrames}: a source clip probably ends earlier than the media library says. Re-import the clip or shorten it in the config.`,
        );
      }
      if (replace) await rename(partial, outputPath);
      else await publishOutput(partial, outputPath);
      const { size } = await stat(outputPath);
      const result: RenderResult = {
        outputPath,
        durationMs: Math.round(durationSec * 1000),
        width: built.width,
        height: built.height,
        fps: built.fps,
        frames: totalFrames,
        sizeBytes: size,
        elapsedMs: Date.now() - started,
      };
      logger.info('render finished', { outputPath, elapsedMs: result.elapsedMs, sizeBytes: size });
      return result;
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  return {
    async render(input, onProgress, signal) {
      return renderPlan(parsePlan(input), null, onProgress, signal, false);
    },
    async renderPreview(input, previewOptions = {}, onProgress, signal) {
      const plan = parsePlan(input);
      const seconds = previewOptions.seconds ?? 5;
      if (!(seconds > 0)) throw new AppError('BAD_INPUT', 'A preview lasts more than 0 seconds.');
      return renderPlan(
        { ...plan, previewHeight: previewOptions.height ?? 480 },
        seconds,
        onProgress,
        signal,
        true,
      );
    },
    async variantFor(platform, video, onProgress, signal) {
      const ffmpeg = await options.resolveFfmpeg();
      return renderVariant({
        ffmpegPath: ffmpeg.ffmpegPath,
        platform,
        video,
        encoder,
        onProgress,
        signal,
        logger,
      });
    },
  };
}

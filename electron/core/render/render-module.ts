import path from 'node:path';
import { defineModule, type ModuleCore } from '../engine-module';
import type { FfmpegToolsPort } from '../ffmpeg/ffmpeg-module';
import { RenderError } from './ffmpeg-process';
import { createRenderEngine, type FfmpegPaths } from './render-engine';

export { RenderError } from './ffmpeg-process';
export type { PreviewOptions, RenderEngine } from './render-engine';
export { variantSize } from './platform-variants';

/**
 * The render engine's ffmpeg: a render needs ffmpeg only (ffprobe is optional), and a missing
 * one ends a render job at once (`ffmpeg-missing`) with the locator's words.
 */
export async function ffmpegForRender(
  tools: Pick<FfmpegToolsPort, 'locate'>,
): Promise<FfmpegPaths> {
  const check = await tools.locate();
  if (!check.found || !check.ffmpegPath) throw new RenderError('ffmpeg-missing', check.message);
  return { ffmpegPath: check.ffmpegPath, ffprobePath: check.ffprobePath };
}

/** The ffmpeg render engine: config videos, previews and per-platform variants. */
export function createRenderModule(core: ModuleCore, deps: { ffmpeg: FfmpegToolsPort }) {
  const { paths, logger } = core.ports;
  const service = createRenderEngine({
    // Asked per render, so a path changed in Settings applies to the next video.
    resolveFfmpeg: () => ffmpegForRender(deps.ffmpeg),
    fontFile: path.join(paths.resourcesDir, 'fonts', 'DejaVuSans-Bold.ttf'),
    tempDir: paths.tempDir,
    logger: logger.child({ domain: 'render' }),
  });
  return defineModule({ name: 'render', service });
}

export type RenderModule = ReturnType<typeof createRenderModule>;

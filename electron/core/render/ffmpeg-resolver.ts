import { locateFfmpeg } from '../ffmpeg/ffmpeg-locator';
import { RenderError } from './ffmpeg-process';
import type { FfmpegPaths } from './render-engine';

/**
 * The `resolveFfmpeg` port of the render engine, backed by the locator: the path from Settings,
 * else the bundled one, else the one on PATH. Looked up per render, so a path changed in Settings
 * applies to the next video; a missing ffmpeg is an error that says what to do.
 */
export function ffmpegResolver(options: {
  configuredPath: () => Promise<string | null>;
  resourcesDir: string;
}): () => Promise<FfmpegPaths> {
  return async () => {
    const check = await locateFfmpeg({
      configuredPath: await options.configuredPath(),
      resourcesDir: options.resourcesDir,
    });
    if (!check.found || !check.ffmpegPath) throw new RenderError('ffmpeg-missing', check.message);
    return { ffmpegPath: check.ffmpegPath, ffprobePath: check.ffprobePath };
  };
}

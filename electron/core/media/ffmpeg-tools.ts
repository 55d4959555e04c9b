import { AppError } from '../errors';
import { locateFfmpeg } from '../ffmpeg/ffmpeg-locator';

export interface FfmpegTools {
  ffmpeg: string;
  ffprobe: string;
}

/**
 * Finds ffmpeg and ffprobe as Settings say, remembering the answer for a short while: an import
 * of thousands of files must not ask the system thousands of times.
 */
export function ffmpegToolsResolver(options: {
  configuredPath: () => Promise<string | null>;
  resourcesDir: string;
  now: () => number;
  cacheMs?: number;
}): () => Promise<FfmpegTools> {
  let cached: { at: number; configured: string | null; tools: FfmpegTools } | null = null;
  return async () => {
    const configured = await options.configuredPath();
    const now = options.now();
    if (cached && cached.configured === configured && now - cached.at < (options.cacheMs ?? 30_000))
      return cached.tools;
    const check = await locateFfmpeg({
      configuredPath: configured,
      resourcesDir: options.resourcesDir,
    });
    if (!check.found || !check.ffmpegPath || !check.ffprobePath) {
      throw new AppError(
        'UNAVAILABLE',
        `The media library needs ffmpeg and ffprobe to read files. ${check.message}`,
      );
    }
    const tools = { ffmpeg: check.ffmpegPath, ffprobe: check.ffprobePath };
    cached = { at: now, configured, tools };
    return tools;
  };
}

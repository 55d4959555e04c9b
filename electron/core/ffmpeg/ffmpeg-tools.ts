import path from 'node:path';
import type { FfmpegCheck } from '../../../shared/domain/settings';
import { AppError } from '../errors';
import type { VideoFacts } from '../platforms/platform-adapter';
import { locateFfmpeg } from './ffmpeg-locator';
import { probeVideo } from './video-probe';

/** Both programs, found. */
export interface FfmpegTools {
  ffmpegPath: string;
  ffprobePath: string;
}

/**
 * The one way the engine finds ffmpeg and ffprobe: the path from Settings, else the one bundled
 * in the app's resources, else the one on PATH (see `locateFfmpeg`).
 */
export interface FfmpegToolsPort {
  /** What was found for the ffmpeg path in Settings; looked up once and kept while it holds. */
  locate(): Promise<FfmpegCheck>;
  /**
   * Both programs, or an UNAVAILABLE error in words: `need` says what cannot be done without
   * them, the locator's message what to do about it.
   */
  require(need: string): Promise<FfmpegTools>;
  /**
   * Looks again (the Settings screen's check), at `path` or, when it is undefined, at the path
   * in Settings; the latter also replaces what `locate` kept.
   */
  check(path?: string | null): Promise<FfmpegCheck>;
  /** Size, duration, dimensions and frame rate of a video, read with ffprobe. */
  probeVideo(file: string): Promise<VideoFacts>;
}

function complete(check: FfmpegCheck): boolean {
  return check.found && check.ffmpegPath !== null && check.ffprobePath !== null;
}

/**
 * Locates once and keeps the answer until the ffmpeg path in Settings changes: an import of
 * thousands of files, every render and every upload must not search the disk again. A failed or
 * incomplete look is not kept, so ffmpeg installed a minute later is found on the next call.
 */
export class CachedFfmpegTools implements FfmpegToolsPort {
  private kept: { configured: string | null; located: Promise<FfmpegCheck> } | null = null;

  constructor(
    private readonly deps: {
      /** The ffmpeg path from Settings (null: find it automatically). */
      configuredPath: () => Promise<string | null>;
      resourcesDir: string;
    },
  ) {}

  async locate(): Promise<FfmpegCheck> {
    const configured = await this.deps.configuredPath();
    if (this.kept && this.kept.configured === configured) return this.kept.located;
    const located = this.look(configured);
    const kept = { configured, located };
    this.kept = kept;
    const forget = () => {
      if (this.kept === kept) this.kept = null;
    };
    located.then((check) => {
      if (!complete(check)) forget();
    }, forget);
    return located;
  }

  async require(need: string): Promise<FfmpegTools> {
    const check = await this.locate();
    if (!complete(check) || !check.ffmpegPath || !check.ffprobePath) {
      throw new AppError('UNAVAILABLE', `${need} ${check.message}`);
    }
    return { ffmpegPath: check.ffmpegPath, ffprobePath: check.ffprobePath };
  }

  async check(path?: string | null): Promise<FfmpegCheck> {
    if (path !== undefined) return this.look(path);
    const configured = await this.deps.configuredPath();
    const check = await this.look(configured);
    this.kept = complete(check) ? { configured, located: Promise.resolve(check) } : null;
    return check;
  }

  async probeVideo(file: string): Promise<VideoFacts> {
    const tools = await this.require(`Reading ${path.basename(file)} needs ffprobe.`);
    return probeVideo(tools.ffprobePath, file);
  }

  private look(configuredPath: string | null): Promise<FfmpegCheck> {
    return locateFfmpeg({ configuredPath, resourcesDir: this.deps.resourcesDir });
  }
}

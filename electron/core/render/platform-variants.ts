import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RenderProgress } from '../../../shared/domain/render';
import type { Logger } from '../ports';
import { bitrateCap, encoderArgs, type EncoderSettings } from './encoder-settings';
import { runFfmpeg } from './ffmpeg-process';
import { ProgressParser } from './ffmpeg-progress';
import { partialPathFor } from './partial-output';

export const variantPlatforms = ['tiktok', 'youtube', 'instagram', 'facebook', 'x'] as const;
export type VariantPlatform = (typeof variantPlatforms)[number];

/** Frame limits per platform; null when a 1080x1920 render is accepted as it is. */
export const platformFrameLimits: Record<
  VariantPlatform,
  { maxWidth: number; maxHeight: number } | null
> = {
  tiktok: null,
  youtube: null,
  instagram: null,
  facebook: null,
  // X accepts at most 1280x1024 (see PLATFORMS.md).
  x: { maxWidth: 1280, maxHeight: 1024 },
};

export interface VariantSource {
  path: string;
  width: number;
  height: number;
  fps: number;
  durationMs: number;
}

export interface PlatformVariant {
  path: string;
  width: number;
  height: number;
  /** False when the video itself fits the platform and is uploaded as it is. */
  scaled: boolean;
}

function even(value: number): number {
  return Math.max(2, Math.floor(value / 2) * 2);
}

/** The size `video` must be scaled to for `platform`, or null when it already fits. */
export function variantSize(
  platform: VariantPlatform,
  video: { width: number; height: number },
): { width: number; height: number } | null {
  const limits = platformFrameLimits[platform];
  if (!limits) return null;
  if (video.width <= limits.maxWidth && video.height <= limits.maxHeight) return null;
  const factor = Math.min(limits.maxWidth / video.width, limits.maxHeight / video.height);
  return { width: even(video.width * factor), height: even(video.height * factor) };
}

export function variantPath(videoPath: string, platform: VariantPlatform): string {
  const parsed = path.parse(videoPath);
  return path.join(parsed.dir, `${parsed.name}.${platform}${parsed.ext || '.mp4'}`);
}

async function isFreshCopy(copy: string, original: string): Promise<boolean> {
  try {
    const [copyStat, originalStat] = await Promise.all([stat(copy), stat(original)]);
    return copyStat.size > 0 && copyStat.mtimeMs >= originalStat.mtimeMs;
  } catch {
    return false;
  }
}

/**
 * Scales a rendered video down for a platform that needs it, with the same encoder settings as
 * the render (the short AAC track is re-encoded too: cheaper than special-casing it). An
 * up-to-date copy from an earlier attempt is reused, so upload retries do not re-encode.
 */
export async function renderVariant(options: {
  ffmpegPath: string;
  platform: VariantPlatform;
  video: VariantSource;
  encoder: EncoderSettings;
  onProgress: ((progress: RenderProgress) => void) | undefined;
  signal: AbortSignal | undefined;
  logger: Logger;
}): Promise<PlatformVariant> {
  const { video, platform } = options;
  const size = variantSize(platform, video);
  if (!size) return { path: video.path, width: video.width, height: video.height, scaled: false };
  const target = variantPath(video.path, platform);
  if (await isFreshCopy(target, video.path)) return { path: target, ...size, scaled: true };

  const partial = partialPathFor(target);
  const totalFrames = Math.max(1, Math.round((video.durationMs / 1000) * video.fps));
  const parser = new ProgressParser(totalFrames, video.durationMs / 1000, (p) =>
    options.onProgress?.(p),
  );
  const args = [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-nostats',
    '-progress',
    'pipe:1',
    '-i',
    video.path,
    '-map',
    '0:v:0',
    '-map',
    '0:a:0?',
    '-vf',
    `scale=${size.width}:${size.height}:flags=lanczos,setsar=1,format=yuv420p`,
    ...encoderArgs(
      video.fps,
      bitrateCap(
        { ...size, fps: video.fps, durationSec: video.durationMs / 1000 },
        undefined,
        options.encoder,
      ),
      options.encoder,
    ),
    '-y',
    partial,
  ];
  try {
    await runFfmpeg({
      ffmpegPath: options.ffmpegPath,
      args,
      signal: options.signal,
      onStdout: (chunk) => parser.push(chunk),
      what: `the ${platform === 'x' ? 'X' : platform} version of the video`,
    });
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  options.logger.info('platform variant made', { platform, path: target, ...size });
  return { path: target, ...size, scaled: true };
}

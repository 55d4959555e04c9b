import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { locateFfmpeg } from '../../ffmpeg/ffmpeg-locator';
import { silentLogger } from '../../logging/file-logger';
import { createRenderEngine, type FfmpegPaths, type RenderEngine } from '../render-engine';

const run = promisify(execFile);
export const projectRoot = path.resolve(import.meta.dirname, '../../../..');
export const bundledFont = path.join(projectRoot, 'resources', 'fonts', 'DejaVuSans-Bold.ttf');

export async function systemFfmpeg(): Promise<FfmpegPaths & { ffprobePath: string }> {
  const located = await locateFfmpeg({
    configuredPath: null,
    resourcesDir: path.join(projectRoot, 'resources'),
  });
  if (!located.found || !located.ffmpegPath || !located.ffprobePath)
    throw new Error(located.message);
  return { ffmpegPath: located.ffmpegPath, ffprobePath: located.ffprobePath };
}

export async function ffmpegRun(ffmpegPath: string, args: string[]): Promise<string> {
  const { stdout } = await run(ffmpegPath, ['-hide_banner', '-v', 'error', ...args], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** A small photo with detail everywhere, so motion and captions change the pixels. */
export async function makePhoto(ffmpegPath: string, file: string, size = '360x480'): Promise<void> {
  await ffmpegRun(ffmpegPath, [
    '-f',
    'lavfi',
    '-i',
    `testsrc2=s=${size}`,
    '-frames:v',
    '1',
    '-y',
    file,
  ]);
}

export async function makeClip(
  ffmpegPath: string,
  file: string,
  options: { size?: string; seconds?: number; rate?: number } = {},
): Promise<void> {
  await ffmpegRun(ffmpegPath, [
    '-f',
    'lavfi',
    '-i',
    `testsrc2=s=${options.size ?? '320x240'}:r=${options.rate ?? 25}:d=${options.seconds ?? 1}`,
    '-f',
    'lavfi',
    '-i',
    `sine=f=440:d=${options.seconds ?? 1}`,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-shortest',
    '-y',
    file,
  ]);
}

export async function makeTone(ffmpegPath: string, file: string, seconds: number): Promise<void> {
  await ffmpegRun(ffmpegPath, [
    '-f',
    'lavfi',
    '-i',
    `sine=f=330:d=${seconds}`,
    '-c:a',
    'aac',
    '-y',
    file,
  ]);
}

/** The MD5 of one decoded frame, to tell whether two renders differ where it matters. */
export async function frameMd5(ffmpegPath: string, file: string, atSec: number): Promise<string> {
  const out = await ffmpegRun(ffmpegPath, [
    '-ss',
    String(atSec),
    '-i',
    file,
    '-frames:v',
    '1',
    '-f',
    'md5',
    '-',
  ]);
  return out.trim();
}

export async function testEngine(tempDir: string, fontFile = bundledFont): Promise<RenderEngine> {
  const ffmpeg = await systemFfmpeg();
  return createRenderEngine({
    resolveFfmpeg: async () => ffmpeg,
    fontFile,
    tempDir,
    logger: silentLogger,
  });
}

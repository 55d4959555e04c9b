import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { VideoFacts } from '../platforms/platform-adapter';

const run = promisify(execFile);

const probeSchema = z.object({
  streams: z
    .array(
      z.object({
        width: z.number().int().positive(),
        height: z.number().int().positive(),
        r_frame_rate: z.string(),
      }),
    )
    .min(1),
  format: z.object({ duration: z.string() }),
});

function frameRate(text: string): number {
  const [num, den] = text.split('/').map(Number);
  if (!num || !den) return 0;
  return num / den;
}

/** Reads what the platforms check (size, duration, dimensions, frame rate) with ffprobe. */
export async function probeVideo(ffprobePath: string, path: string): Promise<VideoFacts> {
  const { stdout } = await run(ffprobePath, [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=width,height,r_frame_rate:format=duration',
    '-of',
    'json',
    path,
  ]);
  const parsed = probeSchema.parse(JSON.parse(stdout));
  const stream = parsed.streams[0]!;
  return {
    path,
    sizeBytes: (await stat(path)).size,
    durationSec: Number(parsed.format.duration),
    width: stream.width,
    height: stream.height,
    fps: frameRate(stream.r_frame_rate),
    mimeType: 'video/mp4',
  };
}

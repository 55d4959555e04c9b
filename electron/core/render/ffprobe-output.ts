import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import { z } from 'zod';

const streamSchema = z.object({
  codec_type: z.string(),
  codec_name: z.string().optional(),
  profile: z.string().optional(),
  pix_fmt: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  r_frame_rate: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  nb_frames: z.string().optional(),
  sample_rate: z.string().optional(),
  channels: z.number().optional(),
  duration: z.string().optional(),
});

const probeSchema = z.object({
  streams: z.array(streamSchema),
  format: z.object({ duration: z.string().optional(), format_name: z.string() }),
});

export interface OutputFacts {
  durationSec: number;
  video: {
    codec: string;
    profile: string | null;
    pixFmt: string;
    width: number;
    height: number;
    fps: number;
    frames: number | null;
    durationSec: number | null;
  } | null;
  audio: {
    codec: string;
    profile: string | null;
    sampleRate: number;
    channels: number;
    durationSec: number | null;
  } | null;
}

function rate(value: string | undefined): number {
  const [num, den] = (value ?? '0/1').split('/').map(Number);
  return num !== undefined && den ? num / den : 0;
}

function seconds(value: string | undefined): number | null {
  const parsed = value === undefined ? Number.NaN : Number.parseFloat(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** What a rendered file holds, read with ffprobe: used to check outputs and size variants. */
export function probeOutput(ffprobePath: string, file: string): Promise<OutputFacts> {
  return new Promise((resolve, reject) => {
    execFile(
      ffprobePath,
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
      { timeout: 30_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`ffprobe could not read ${file}: ${stderr.trim() || error.message}`));
          return;
        }
        const parsed = probeSchema.parse(JSON.parse(stdout));
        const video = parsed.streams.find((s) => s.codec_type === 'video');
        const audio = parsed.streams.find((s) => s.codec_type === 'audio');
        resolve({
          durationSec: seconds(parsed.format.duration) ?? 0,
          video: video
            ? {
                codec: video.codec_name ?? '',
                profile: video.profile ?? null,
                pixFmt: video.pix_fmt ?? '',
                width: video.width ?? 0,
                height: video.height ?? 0,
                fps: rate(video.avg_frame_rate ?? video.r_frame_rate),
                frames: video.nb_frames ? Number.parseInt(video.nb_frames, 10) : null,
                durationSec: seconds(video.duration),
              }
            : null,
          audio: audio
            ? {
                codec: audio.codec_name ?? '',
                profile: audio.profile ?? null,
                sampleRate: Number.parseInt(audio.sample_rate ?? '0', 10),
                channels: audio.channels ?? 0,
                durationSec: seconds(audio.duration),
              }
            : null,
        });
      },
    );
  });
}

/** Top-level MP4 boxes in file order, e.g. ['ftyp', 'moov', 'free', 'mdat'] after faststart. */
export async function topLevelBoxes(file: string): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const boxes: string[] = [];
    const header = Buffer.alloc(16);
    let position = 0;
    while (position + 8 <= size && boxes.length < 64) {
      await handle.read(header, 0, 16, position);
      let boxSize = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
      else if (boxSize === 0) boxSize = size - position;
      if (boxSize < 8) break;
      boxes.push(type);
      position += boxSize;
    }
    return boxes;
  } finally {
    await handle.close();
  }
}

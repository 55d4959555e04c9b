import { execFile } from 'node:child_process';
import { z } from 'zod';
import type { MediaKind } from '../../../shared/domain/media';

/** What ffprobe tells about a file, reduced to what the library keeps. */
export interface ProbeFacts {
  kind: MediaKind;
  formatName: string;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  rotation: number;
  videoCodec: string | null;
  audioCodec: string | null;
  frameRate: number | null;
}

export class ProbeError extends Error {}

const streamSchema = z.object({
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  avg_frame_rate: z.string().optional(),
  r_frame_rate: z.string().optional(),
  duration: z.string().optional(),
  nb_frames: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  disposition: z.object({ attached_pic: z.number().optional() }).loose().optional(),
  side_data_list: z.array(z.object({ rotation: z.number().optional() }).loose()).optional(),
});

const probeSchema = z.object({
  streams: z.array(streamSchema.loose()).default([]),
  format: z
    .object({ format_name: z.string().optional(), duration: z.string().optional() })
    .loose()
    .optional(),
});

const imageCodecs = new Set([
  'png',
  'mjpeg',
  'jpegls',
  'webp',
  'gif',
  'bmp',
  'tiff',
  'hevc',
  'av1',
  'jpeg2000',
]);
const imageFormats =
  /(^|,)(image2|png_pipe|jpeg_pipe|webp_pipe|gif|bmp_pipe|tiff_pipe|gif_pipe)(,|$)/;

function rate(text: string | undefined): number | null {
  if (!text) return null;
  const [num, den] = text.split('/').map(Number);
  if (!num || !Number.isFinite(num)) return null;
  const value = den ? num / den : num;
  return Number.isFinite(value) && value > 0 && value < 1000
    ? Math.round(value * 1000) / 1000
    : null;
}

function seconds(text: string | undefined): number | null {
  if (!text) return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : null;
}

/** Reads ffprobe's JSON; exported for tests of odd answers. */
export function factsFromProbe(json: unknown, expected: MediaKind | null): ProbeFacts {
  const parsed = probeSchema.safeParse(json);
  if (!parsed.success) throw new ProbeError('ffprobe gave an answer that could not be read.');
  const { streams, format } = parsed.data;
  const formatName = format?.format_name ?? '';
  const video = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  const audio = streams.find((s) => s.codec_type === 'audio');
  const durationMs =
    seconds(format?.duration) ?? seconds(video?.duration) ?? seconds(audio?.duration);

  let kind: MediaKind;
  const looksLikeImage =
    !!video &&
    !audio &&
    (imageFormats.test(formatName) ||
      (imageCodecs.has(video.codec_name ?? '') && (video.nb_frames === '1' || !durationMs)));
  if (looksLikeImage && expected !== 'video') kind = 'image';
  else if (video) kind = expected === 'image' && !audio ? 'image' : 'video';
  else if (audio) kind = 'audio';
  else throw new ProbeError('it holds no picture and no sound that ffmpeg can read.');

  const sideRotation = video?.side_data_list?.find((d) => d.rotation !== undefined)?.rotation;
  const tagRotation = video?.tags?.rotate !== undefined ? Number(video.tags.rotate) : undefined;
  // Display matrices store counter-clockwise degrees; the library keeps clockwise ones.
  const raw = sideRotation !== undefined ? -sideRotation : (tagRotation ?? 0);
  const rotation = Number.isFinite(raw) ? ((Math.round(raw) % 360) + 360) % 360 : 0;

  return {
    kind,
    formatName,
    durationMs: kind === 'image' ? null : durationMs,
    width: video?.width && video.width > 0 ? video.width : null,
    height: video?.height && video.height > 0 ? video.height : null,
    rotation,
    videoCodec: video?.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    frameRate: kind === 'video' ? (rate(video?.avg_frame_rate) ?? rate(video?.r_frame_rate)) : null,
  };
}

/** Runs ffprobe on one file; a file it cannot read is a ProbeError with ffprobe's own words. */
export function probeMedia(
  ffprobe: string,
  file: string,
  expected: MediaKind | null,
  timeoutMs = 30_000,
): Promise<ProbeFacts> {
  return new Promise((resolve, reject) => {
    execFile(
      ffprobe,
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '--', file],
      { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const said = stderr.trim().split('\n').pop()?.replace(file, '').replace(/^:\s*/, '');
          return reject(
            new ProbeError(
              error.killed
                ? `ffprobe took longer than ${Math.round(timeoutMs / 1000)} s to read it.`
                : `ffmpeg cannot read it (${said || 'no details'}).`,
            ),
          );
        }
        let json: unknown;
        try {
          json = JSON.parse(stdout);
        } catch {
          return reject(new ProbeError('ffprobe gave an answer that could not be read.'));
        }
        try {
          resolve(factsFromProbe(json, expected));
        } catch (failure) {
          reject(failure instanceof Error ? failure : new ProbeError(String(failure)));
        }
      },
    );
  });
}

export const mimeByExtension: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.heic': 'image/heic',
  '.avif': 'image/avif',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
  '.webm': 'video/webm',
  '.avi': 'video/x-msvideo',
  '.mpg': 'video/mpeg',
  '.mpeg': 'video/mpeg',
  '.3gp': 'video/3gpp',
  '.ts': 'video/mp2t',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.wma': 'audio/x-ms-wma',
  '.aiff': 'audio/aiff',
};

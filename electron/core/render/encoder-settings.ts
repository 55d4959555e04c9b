import os from 'node:os';

/**
 * One set of encoder settings for every output, so a variant or a preview behaves like the main
 * render. The values were chosen with `npm run bench:render` on 2 cores: see docs/render.md.
 */
export interface EncoderSettings {
  /** x264 speed preset. */
  preset: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium';
  /** Constant quality; 21 stays clean after the platforms re-encode. */
  crf: number;
  audioBitrate: string;
}

export const defaultEncoderSettings: EncoderSettings = {
  preset: 'veryfast',
  crf: 21,
  audioBitrate: '160k',
};

export function cpuCount(): number {
  return Math.max(
    1,
    typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
  );
}

const MB = 1024 * 1024;

/**
 * The tightest file size of the platforms (Instagram Reels: 300 MB), used when the caller names
 * no limit of its own: an output under it fits every platform.
 */
export const TIGHTEST_PLATFORM_BYTES = 300 * MB;

/** Room kept under a size limit for the container and the audio's peaks. */
const SIZE_MARGIN = 0.85;
/** The VBV buffer holds this many seconds of maxrate: one GOP. */
const BUFFER_SECONDS = 2;

/**
 * The peak video bitrate (kb/s) a frame size needs at 30 fps for a short to stay clean after the
 * platforms re-encode it (they deliver 1080x1920 shorts at about 2-6 Mb/s): CRF 21 decides the
 * quality, the cap only stops grain and confetti from blowing the file up (a 6 s grainy render
 * reached 51 Mb/s without it).
 */
const capsBySize: ReadonlyArray<{ minPixels: number; kbps: number }> = [
  { minPixels: 1920 * 1080, kbps: 10_000 },
  { minPixels: 1080 * 1080, kbps: 8_000 },
  { minPixels: 576 * 1024, kbps: 5_000 },
  { minPixels: 0, kbps: 2_500 },
];

export interface BitrateCap {
  /** VBV maximum rate, kb/s. */
  maxrateKbps: number;
  /** VBV buffer, kb: two seconds of the maximum rate, one GOP. */
  bufsizeKbps: number;
}

function kbpsOf(bitrate: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([km]?)$/i.exec(bitrate.trim());
  if (!match) return 0;
  const value = Number(match[1]);
  const unit = match[2]?.toLowerCase();
  return unit === 'm' ? value * 1000 : unit === 'k' ? value : value / 1000;
}

/**
 * The VBV cap of an output: the size's cap (more for frame rates over 30), lowered when the
 * video is long enough that the cap would not fit `maxBytes` with a 15 % margin (Instagram's
 * 300 MB over 15 min leaves about 2.2 Mb/s of video, over the 10 min a config allows 3.4 Mb/s).
 */
export function bitrateCap(
  output: { width: number; height: number; fps: number; durationSec: number },
  maxBytes: number | null = TIGHTEST_PLATFORM_BYTES,
  settings: EncoderSettings = defaultEncoderSettings,
): BitrateCap {
  const pixels = output.width * output.height;
  const bySize = capsBySize.find((cap) => pixels >= cap.minPixels)?.kbps ?? 2_500;
  const fpsFactor = Math.min(2, Math.max(1, output.fps / 30));
  let maxrate = bySize * fpsFactor;
  if (maxBytes !== null && output.durationSec > 0) {
    // The buffer (two seconds of maxrate) may be spent on top of maxrate x duration.
    const budget =
      (maxBytes * SIZE_MARGIN * 8) / 1000 / (output.durationSec + BUFFER_SECONDS) -
      kbpsOf(settings.audioBitrate);
    // Below about 500 kb/s nothing watchable fits: the platform's own check then says so.
    maxrate = Math.min(maxrate, Math.max(500, budget));
  }
  const maxrateKbps = Math.floor(maxrate);
  return { maxrateKbps, bufsizeKbps: maxrateKbps * BUFFER_SECONDS };
}

/**
 * H.264 yuv420p with a closed GOP of two seconds and no scene-cut keyframes (Instagram and X
 * refuse open GOPs), capped CRF (VBV maxrate and buffer from `bitrateCap`), AAC-LC at 48 kHz,
 * and the index first (`+faststart`) so platforms can start processing before the whole file has
 * arrived.
 */
export function encoderArgs(
  fps: number,
  cap: BitrateCap,
  settings: EncoderSettings = defaultEncoderSettings,
): string[] {
  return [
    '-c:v',
    'libx264',
    '-preset',
    settings.preset,
    '-crf',
    String(settings.crf),
    '-maxrate',
    `${cap.maxrateKbps}k`,
    '-bufsize',
    `${cap.bufsizeKbps}k`,
    '-pix_fmt',
    'yuv420p',
    '-profile:v',
    'high',
    '-g',
    String(fps * 2),
    '-keyint_min',
    String(fps * 2),
    '-sc_threshold',
    '0',
    '-flags',
    '+cgop',
    '-r',
    String(fps),
    '-c:a',
    'aac',
    '-b:a',
    settings.audioBitrate,
    '-ar',
    '48000',
    '-ac',
    '2',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
  ];
}

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

/**
 * H.264 yuv420p with a closed GOP of two seconds and no scene-cut keyframes (Instagram and X
 * refuse open GOPs), AAC-LC at 48 kHz, and the index first (`+faststart`) so platforms can
 * start processing before the whole file has arrived.
 */
export function encoderArgs(
  fps: number,
  settings: EncoderSettings = defaultEncoderSettings,
): string[] {
  return [
    '-c:v',
    'libx264',
    '-preset',
    settings.preset,
    '-crf',
    String(settings.crf),
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

import path from 'node:path';
import {
  aspectSizes,
  type Look,
  type RenderClip,
  type RenderPlan,
} from '../../../shared/domain/render';
import { AppError } from '../errors';
import { escapeFilterValue as esc, ffmpegColor, num } from './filter-escape';
import { wrapText } from './text-layout';

/** Ken Burns frames are cut from a picture this many times the output size, so motion is smooth. */
export const supersample = 2;
/** How far Ken Burns zooms in over a clip (1.15 = 15 %). */
const zoomAmount = 0.15;
/** Caption safe zone: platform buttons cover the top ~10 % and the bottom ~18 % of the frame. */
const safeTop = 0.1;
const safeBottom = 0.82;
const captionWidth = 0.86;

export interface OutputSize {
  width: number;
  height: number;
}

export function outputSize(plan: Pick<RenderPlan, 'aspect' | 'previewHeight'>): OutputSize {
  const full = aspectSizes[plan.aspect];
  if (plan.previewHeight === null || plan.previewHeight >= full.height) return { ...full };
  const height = even(plan.previewHeight);
  return { width: even((height * full.width) / full.height), height };
}

function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}

export interface TextFile {
  file: string;
  content: string;
}

export interface BuiltGraph {
  /** Input arguments (each `-i` with its own options), in input index order. */
  inputArgs: string[];
  /** The text for `-filter_complex_script`; it ends in the labels `[vout]` and `[aout]`. */
  graph: string;
  /** Files the graph reads (caption text); write them before starting ffmpeg. */
  textFiles: TextFile[];
  width: number;
  height: number;
  fps: number;
  totalFrames: number;
  durationSec: number;
}

export interface GraphEnvironment {
  fontFile: string;
  /** A private folder for this render; caption text files are named inside it. */
  workDir: string;
}

interface ClipTiming {
  frames: number;
  /** Frames of the transition into the next clip (0 for a cut or the last clip). */
  outFrames: number;
}

function clipTimings(plan: RenderPlan): ClipTiming[] {
  const timings = plan.clips.map((clip, index): ClipTiming => {
    const frames = Math.max(1, Math.round(clip.durationSec * plan.fps));
    const isLast = index === plan.clips.length - 1;
    const outFrames =
      isLast || clip.transition.type === 'cut'
        ? 0
        : Math.round(clip.transition.durationSec * plan.fps);
    return { frames, outFrames };
  });
  plan.clips.forEach((clip, index) => {
    const length = clip.source.durationSec;
    if (clip.source.kind === 'video' && length !== null && clip.startSec >= length) {
      throw new AppError(
        'BAD_INPUT',
        `Clip ${index + 1} starts at ${num(clip.startSec, 2)} s but the video lasts ${num(length, 2)} s. Choose an earlier start.`,
        { clip: index },
      );
    }
  });
  timings.forEach((timing, index) => {
    const inFrames = index > 0 ? (timings[index - 1]?.outFrames ?? 0) : 0;
    if (inFrames + timing.outFrames >= timing.frames) {
      throw new AppError(
        'BAD_INPUT',
        `Clip ${index + 1} lasts ${num(timing.frames / plan.fps, 2)} s, too short for its transitions (${num((inFrames + timing.outFrames) / plan.fps, 2)} s together). Make the clip longer or the transitions shorter.`,
        { clip: index },
      );
    }
  });
  return timings;
}

export interface PlanSummary extends OutputSize {
  fps: number;
  totalFrames: number;
  durationSec: number;
}

/**
 * The size and exact length a plan renders to, checking its clips and transitions the way the
 * render does (BAD_INPUT naming the clip at fault): for a config screen to show and validate.
 */
export function summarizePlan(plan: RenderPlan): PlanSummary {
  const totalFrames = clipTimings(plan).reduce((sum, t) => sum + t.frames - t.outFrames, 0);
  return { ...outputSize(plan), fps: plan.fps, totalFrames, durationSec: totalFrames / plan.fps };
}

/** Photos are not turned by ffmpeg (unlike clips, which it turns from their display matrix). */
function rotateFilters(clip: RenderClip): string[] {
  if (clip.source.kind !== 'image') return [];
  switch (clip.source.rotation) {
    case 90:
      return ['transpose=clock'];
    case 180:
      return ['hflip', 'vflip'];
    case 270:
      return ['transpose=cclock'];
    default:
      return [];
  }
}

function fillFrame(width: number, height: number): string[] {
  return [
    `scale=${width}:${height}:force_original_aspect_ratio=increase:flags=bicubic`,
    `crop=${width}:${height}`,
  ];
}

/** zoompan expressions; `on` counts output frames 0..d-1 for the single input frame. */
function kenBurns(
  motion: 'in' | 'out' | 'pan',
  frames: number,
): { z: string; x: string; y: string } {
  const last = Math.max(1, frames - 1);
  const centre = { x: 'iw/2-iw/zoom/2', y: 'ih/2-ih/zoom/2' };
  switch (motion) {
    case 'in':
      return { z: `1+${num(zoomAmount)}*on/${last}`, ...centre };
    case 'out':
      return { z: `${num(1 + zoomAmount)}-${num(zoomAmount)}*on/${last}`, ...centre };
    case 'pan':
      return { z: num(1 + zoomAmount), x: `(iw-iw/zoom)*on/${last}`, y: centre.y };
  }
}

function imageChain(clip: RenderClip, frames: number, size: OutputSize, fps: number): string[] {
  // One decoded frame in: zoompan itself emits `d` frames from it, and `loop` repeats it for
  // still clips, so the photo is decoded and scaled down once, never per frame.
  const head = ['trim=end_frame=1', ...rotateFilters(clip)];
  if (clip.motion === 'none') {
    return [
      ...head,
      ...fillFrame(size.width, size.height),
      'format=yuv420p',
      `loop=loop=${frames - 1}:size=1:start=0`,
    ];
  }
  const big = { width: size.width * supersample, height: size.height * supersample };
  const { z, x, y } = kenBurns(clip.motion, frames);
  return [
    ...head,
    ...fillFrame(big.width, big.height),
    'format=yuv420p',
    `zoompan=z=${esc(z)}:x=${esc(x)}:y=${esc(y)}:d=${frames}:s=${size.width}x${size.height}:fps=${fps}`,
  ];
}

function videoChain(frames: number, size: OutputSize, fps: number): string[] {
  // fps first, so frames a 60 fps clip would drop are never scaled; a clip shorter than its
  // slot holds its last frame.
  return [
    `fps=${fps}`,
    ...fillFrame(size.width, size.height),
    'format=yuv420p',
    'tpad=stop_mode=clone:stop=-1',
    `trim=end_frame=${frames}`,
  ];
}

function sourceInputArgs(clip: RenderClip, frames: number, fps: number): string[] {
  const file = path.resolve(clip.source.path);
  if (clip.source.kind === 'image') {
    // A `%` in a name would otherwise be read as an image-sequence pattern.
    return file.includes('%')
      ? ['-f', 'image2', '-pattern_type', 'none', '-i', file]
      : ['-i', file];
  }
  const seconds = frames / fps + 1 / fps;
  return ['-ss', num(clip.startSec, 3), '-t', num(seconds, 3), '-i', file];
}

/**
 * One `eq` per look: it works on the YUV frames as they are (no conversion to RGB). Measured on
 * 30 s at 1080x1920: 0.15 to 0.2 CPU s each (a `gamma` term would cost 0.9 s: left out).
 * Applied before captions, so their colours stay as chosen.
 */
const lookFilters: Record<Look, string[]> = {
  clean: [],
  cinematic: ['eq=contrast=1.12:saturation=0.8:brightness=-0.02'],
  vibrant: ['eq=contrast=1.05:saturation=1.35'],
  mono: ['eq=saturation=0'],
};

function audioChain(plan: RenderPlan, durationSec: number, inputIndex: number): string {
  const d = num(durationSec, 3);
  const audio = plan.audio;
  if (!audio) return `anullsrc=r=48000:cl=stereo,atrim=duration=${d}[aout]`;
  const filters = [
    `atrim=duration=${d}`,
    'asetpts=PTS-STARTPTS',
    'aformat=sample_fmts=fltp:channel_layouts=stereo',
  ];
  // loudnorm works at 192 kHz internally; resample back to 48 kHz after it.
  if (audio.normalize) filters.push('loudnorm=I=-14:TP=-1.5:LRA=11');
  filters.push('aresample=48000');
  if (audio.volume !== 1) filters.push(`volume=${num(audio.volume, 3)}`);
  const fadeIn = Math.min(audio.fadeInSec, durationSec);
  const fadeOut = Math.min(audio.fadeOutSec, durationSec);
  if (fadeIn > 0) filters.push(`afade=t=in:st=0:d=${num(fadeIn, 3)}`);
  if (fadeOut > 0) {
    filters.push(`afade=t=out:st=${num(durationSec - fadeOut, 3)}:d=${num(fadeOut, 3)}`);
  }
  filters.push(`apad=whole_dur=${d}`);
  return `[${inputIndex}:a]${filters.join(',')}[aout]`;
}

function overlayFilters(
  plan: RenderPlan,
  size: OutputSize,
  durationSec: number,
  env: GraphEnvironment,
): { filters: string[]; textFiles: TextFile[] } {
  const scale = size.height / aspectSizes[plan.aspect].height;
  const filters: string[] = [];
  const textFiles: TextFile[] = [];
  plan.overlays.forEach((overlay, overlayIndex) => {
    const start = Math.min(overlay.startSec, durationSec);
    const end = Math.min(overlay.endSec ?? durationSec, durationSec);
    if (end <= start) return;
    const fontSize = Math.max(8, Math.round(overlay.fontSize * scale));
    const lines = wrapText(overlay.text, fontSize, size.width * captionWidth);
    const lineHeight = Math.round(fontSize * 1.6);
    const blockHeight = lines.length * lineHeight;
    const top =
      overlay.position === 'top'
        ? Math.round(size.height * safeTop)
        : overlay.position === 'center'
          ? Math.round((size.height - blockHeight) / 2)
          : Math.round(size.height * safeBottom - blockHeight);
    lines.forEach((line, lineIndex) => {
      if (line.trim() === '') return;
      const file = path.join(env.workDir, `caption-${overlayIndex}-${lineIndex}.txt`);
      textFiles.push({ file, content: line });
      // A fixed baseline per line (y = baseline - ascent) keeps lines evenly spaced whatever
      // letters they hold; the box of each line is its own, as on TikTok.
      const baseline = top + lineIndex * lineHeight + Math.round(fontSize * 1.05);
      const options = [
        `fontfile=${esc(env.fontFile)}`,
        `textfile=${esc(file)}`,
        'expansion=none',
        `fontsize=${fontSize}`,
        `fontcolor=${ffmpegColor(overlay.color)}`,
        `x=${esc('(w-text_w)/2')}`,
        `y=${esc(`${baseline}-ascent`)}`,
      ];
      if (overlay.box) {
        options.push(
          'box=1',
          `boxcolor=${ffmpegColor(overlay.boxColor)}`,
          `boxborderw=${Math.max(2, Math.round(fontSize * 0.2))}`,
        );
      } else {
        options.push(
          `shadowcolor=${ffmpegColor('#000000B0')}`,
          `shadowx=${Math.max(1, Math.round(fontSize / 24))}`,
          `shadowy=${Math.max(1, Math.round(fontSize / 24))}`,
        );
      }
      const fullLength = start <= 0 && end >= durationSec;
      if (!fullLength) options.push(`enable=${esc(`between(t,${num(start, 3)},${num(end, 3)})`)}`);
      filters.push(`drawtext=${options.join(':')}`);
    });
  });
  return { filters, textFiles };
}

/**
 * Builds the whole render as one filter graph: each clip becomes exactly its number of frames at
 * the output rate, clips are joined by xfade (or concat for cuts), captions are drawn on the
 * joined video, and the audio is cut, normalised, faded and padded to the same length.
 */
export function buildFilterGraph(plan: RenderPlan, env: GraphEnvironment): BuiltGraph {
  const size = outputSize(plan);
  const fps = plan.fps;
  const timings = clipTimings(plan);
  const inputArgs: string[] = [];
  const lines: string[] = [];

  plan.clips.forEach((clip, index) => {
    const timing = timings[index] as ClipTiming;
    inputArgs.push(...sourceInputArgs(clip, timing.frames, fps));
    const chain =
      clip.source.kind === 'image'
        ? imageChain(clip, timing.frames, size, fps)
        : videoChain(timing.frames, size, fps);
    // Every clip leaves with the same time base, frame rate and pixel shape, as xfade requires.
    chain.push('setsar=1', `settb=1/${fps}`, 'setpts=N', `fps=${fps}`);
    lines.push(`[${index}:v]${chain.join(',')}[c${index}]`);
  });

  // xfade in ffmpeg 5.1 costs about 3 ms per frame even outside its transition, and chained
  // xfades pass every earlier frame through each of them. So only the overlapping frames go
  // through xfade: each clip is split into head (transition in), body and tail (transition out),
  // and one concat joins body, transition, body, ... in order.
  const segments: string[] = [];
  plan.clips.forEach((_clip, index) => {
    const timing = timings[index] as ClipTiming;
    const headFrames = index > 0 ? (timings[index - 1]?.outFrames ?? 0) : 0;
    const parts: Array<{ label: string; from: number; to: number }> = [];
    if (headFrames > 0) parts.push({ label: `h${index}`, from: 0, to: headFrames });
    parts.push({ label: `b${index}`, from: headFrames, to: timing.frames - timing.outFrames });
    if (timing.outFrames > 0) {
      parts.push({ label: `t${index}`, from: timing.frames - timing.outFrames, to: timing.frames });
    }
    if (headFrames > 0) {
      const previous = plan.clips[index - 1] as RenderClip;
      segments.push(`x${index}`);
      lines.push(
        `[t${index - 1}][h${index}]xfade=transition=${previous.transition.type}:duration=${num(headFrames / fps, 6)}:offset=0[x${index}]`,
      );
    }
    segments.push(`b${index}`);
    if (parts.length === 1) {
      lines.push(`[c${index}]null[b${index}]`);
      return;
    }
    lines.push(
      `[c${index}]split=${parts.length}${parts.map((p) => `[s${index}${p.label}]`).join('')}`,
    );
    for (const part of parts) {
      lines.push(
        `[s${index}${part.label}]trim=start_frame=${part.from}:end_frame=${part.to},setpts=PTS-STARTPTS[${part.label}]`,
      );
    }
  });
  // xfade's output time base is microseconds; renumbering frames keeps every timestamp exact.
  const joined = `${segments.map((s) => `[${s}]`).join('')}concat=n=${segments.length}:v=1:a=0,settb=1/${fps},setpts=N`;
  const length = timings.reduce((sum, t) => sum + t.frames - t.outFrames, 0);

  const totalFrames = length;
  const durationSec = totalFrames / fps;
  const overlays = overlayFilters(plan, size, durationSec, env);
  const videoTail = [...lookFilters[plan.look], ...overlays.filters, 'format=yuv420p'];
  lines.push(`${joined},${videoTail.join(',')}[vout]`);

  if (plan.audio)
    inputArgs.push(
      '-stream_loop',
      '-1',
      '-ss',
      num(plan.audio.startSec, 3),
      '-i',
      path.resolve(plan.audio.path),
    );
  lines.push(audioChain(plan, durationSec, plan.clips.length));

  return {
    inputArgs,
    graph: lines.join(';\n') + '\n',
    textFiles: overlays.textFiles,
    width: size.width,
    height: size.height,
    fps,
    totalFrames,
    durationSec,
  };
}

import { z } from 'zod';

/** Output frame sizes per aspect. Every size is even, as yuv420p requires. */
export const aspectSizes = {
  '9:16': { width: 1080, height: 1920 },
  '1:1': { width: 1080, height: 1080 },
  '16:9': { width: 1920, height: 1080 },
} as const;
export const aspects = ['9:16', '1:1', '16:9'] as const;
export const aspectSchema = z.enum(aspects);
export type Aspect = z.infer<typeof aspectSchema>;

export const motions = ['in', 'out', 'pan', 'none'] as const;
export const motionSchema = z.enum(motions);
export type Motion = z.infer<typeof motionSchema>;

/**
 * Transitions between two clips: `cut` joins them directly, every other name is an ffmpeg xfade
 * transition. The list is the subset that reads well on vertical video.
 */
export const transitionTypes = [
  'cut',
  'fade',
  'fadeblack',
  'fadewhite',
  'dissolve',
  'wipeleft',
  'wiperight',
  'wipeup',
  'wipedown',
  'slideleft',
  'slideright',
  'slideup',
  'slidedown',
  'smoothleft',
  'smoothright',
  'smoothup',
  'smoothdown',
  'circleopen',
  'circleclose',
  'radial',
  'zoomin',
] as const;
export const transitionTypeSchema = z.enum(transitionTypes);
export type TransitionType = z.infer<typeof transitionTypeSchema>;

/** Colour looks applied to the whole picture (captions keep their own colours). */
export const looks = ['clean', 'cinematic', 'vibrant', 'mono'] as const;
export const lookSchema = z.enum(looks);
export type Look = z.infer<typeof lookSchema>;

export const textPositions = ['top', 'center', 'bottom'] as const;
export const textPositionSchema = z.enum(textPositions);
export type TextPosition = z.infer<typeof textPositionSchema>;

const seconds = z.number().finite().nonnegative();
const positiveSeconds = z.number().finite().positive();

/** Colours as #RRGGBB or #RRGGBBAA, so nothing but hex digits ever reaches the filter graph. */
export const colorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/, 'Use a colour such as #FFFFFF or #000000B3.');

/**
 * One source of the video, as probed by the media library. `rotation` is the clockwise turn in
 * degrees that shows the picture upright (EXIF orientation for photos, the display matrix for
 * clips); width and height are the stored (unrotated) pixel size.
 */
export const renderSourceSchema = z.object({
  kind: z.enum(['image', 'video']),
  path: z.string().min(1, 'A source has no file path.'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Length of a video clip in seconds; null for a photo. */
  durationSec: positiveSeconds.nullable(),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).default(0),
});
export type RenderSource = z.infer<typeof renderSourceSchema>;

export const transitionSchema = z.object({
  type: transitionTypeSchema,
  /** Ignored for `cut`. */
  durationSec: seconds.max(5, 'A transition lasts at most 5 seconds.'),
});
export type Transition = z.infer<typeof transitionSchema>;

export const renderClipSchema = z.object({
  source: renderSourceSchema,
  /** How long the clip is on screen, transitions included. */
  durationSec: positiveSeconds.max(600, 'A clip lasts at most 10 minutes.'),
  /** Where a video clip starts in its file; ignored for photos. */
  startSec: seconds.default(0),
  /** Ken Burns motion for photos; video clips always play as they are. */
  motion: motionSchema.default('none'),
  /** The transition from this clip into the next one; ignored on the last clip. */
  transition: transitionSchema.default({ type: 'cut', durationSec: 0 }),
});
export type RenderClip = z.infer<typeof renderClipSchema>;

export const textOverlaySchema = z
  .object({
    /** The final text, placeholders already expanded. Any character is allowed. */
    text: z
      .string()
      .min(1, 'An overlay has no text.')
      .max(500, 'An overlay holds at most 500 characters.'),
    /** In pixels of the full-size (not preview) output. */
    fontSize: z.number().int().min(12).max(240).default(64),
    color: colorSchema.default('#FFFFFF'),
    position: textPositionSchema.default('bottom'),
    box: z.boolean().default(true),
    boxColor: colorSchema.default('#000000A0'),
    startSec: seconds.default(0),
    /** null: until the end of the video. */
    endSec: seconds.nullable().default(null),
  })
  .refine((o) => o.endSec === null || o.endSec > o.startSec, {
    message: 'An overlay must end after it starts.',
    path: ['endSec'],
  });
export type TextOverlay = z.infer<typeof textOverlaySchema>;

export const renderAudioSchema = z.object({
  path: z.string().min(1),
  /** Linear gain applied after normalisation: 1 keeps the level. */
  volume: z.number().finite().min(0).max(4).default(1),
  fadeInSec: seconds.max(30).default(0),
  fadeOutSec: seconds.max(30).default(0),
  /** Where to start in the track. */
  startSec: seconds.default(0),
  /** Normalise loudness to about -14 LUFS, the level short-video platforms play at. */
  normalize: z.boolean().default(true),
});
export type RenderAudio = z.infer<typeof renderAudioSchema>;

export const renderPlanSchema = z.object({
  clips: z.array(renderClipSchema).min(1, 'A video needs at least one photo or clip.').max(200),
  overlays: z.array(textOverlaySchema).max(50).default([]),
  /** null renders a silent track, so every output has audio. */
  audio: renderAudioSchema.nullable().default(null),
  aspect: aspectSchema.default('9:16'),
  look: lookSchema.default('clean'),
  /**
   * A smaller frame height for previews (width follows the aspect, rounded to even); null renders
   * the full size.
   */
  previewHeight: z.number().int().min(120).max(1920).nullable().default(null),
  /** 24 to 60: what every platform accepts (Instagram from 23, Facebook from 24 fps). */
  fps: z.number().int().min(24).max(60).default(30),
  outputPath: z.string().min(1, 'The plan has no output path.'),
  /**
   * The file must stay under this many bytes (the tightest size limit of the platforms it is
   * posted to); null: under every platform's limit. The bitrate cap follows from it.
   */
  maxBytes: z.number().int().positive().nullable().default(null),
});
export type RenderPlan = z.infer<typeof renderPlanSchema>;
export type RenderPlanInput = z.input<typeof renderPlanSchema>;

export interface RenderProgress {
  /** 0 to 1. */
  fraction: number;
  framesDone: number;
  totalFrames: number;
  fps: number | null;
  /** Encoding speed relative to realtime (2 = twice as fast as playback). */
  speed: number | null;
  etaMs: number | null;
}

export const renderResultSchema = z.object({
  outputPath: z.string(),
  durationMs: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  fps: z.number().int().positive(),
  frames: z.number().int().positive(),
  sizeBytes: z.number().int().nonnegative(),
  /** Wall time the render took. */
  elapsedMs: z.number().int().nonnegative(),
});
export type RenderResult = z.infer<typeof renderResultSchema>;

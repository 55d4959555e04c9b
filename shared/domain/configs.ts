import { z } from 'zod';
import { configRunSchema, runSummarySchema } from './config-runs';
import { platformIds, platformNames, type PlatformId } from './platforms';
import { templateProblems } from './config-text';
import { scheduleSchema } from './schedule';
import { textVariables } from './text-template';
import { configStorageSchema, defaultConfigStorage } from './storage';

export * from './schedule';
export * from './config-runs';
export * from './config-text';
export { textVariables } from './text-template';

/* ----------------------------------------------------------------- content */

/** A text template: `{name}` placeholders must be known variables. */
export function templateSchema(label: string, max: number) {
  return z
    .string()
    .max(max, `The ${label} can be at most ${max} characters.`)
    .superRefine((value, ctx) => {
      for (const match of value.matchAll(/\{([^{}]*)\}/g)) {
        const name = match[1] ?? '';
        if (!(textVariables as readonly string[]).includes(name)) {
          ctx.addIssue({
            code: 'custom',
            message: `Unknown variable {${name}} in the ${label}. Use ${textVariables.map((v) => `{${v}}`).join(', ')}.`,
          });
        }
      }
    });
}

const colourSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Enter a colour as #RRGGBB, for example #ffffff.');

const tagSchema = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty.')
  .max(60, 'A tag can be at most 60 characters.');

export const mediaSourcesSchema = z
  .object({
    tags: z.array(tagSchema).max(50, 'At most 50 tags.'),
    folders: z
      .array(z.string().trim().min(1, 'A folder cannot be empty.').max(4096, 'Path too long.'))
      .max(50, 'At most 50 folders.'),
    itemIds: z.array(z.string().min(1)).max(500, 'At most 500 picked items.'),
  })
  .strict();
export type MediaSources = z.infer<typeof mediaSourcesSchema>;

export const motions = ['kenBurnsIn', 'kenBurnsOut', 'pan', 'none'] as const;
export const transitionTypes = ['none', 'fade', 'crossfade', 'slideLeft', 'wipe'] as const;
export const stylePresets = ['clean', 'cinematic', 'vibrant', 'mono'] as const;
export const aspects = ['9:16', '1:1', '16:9'] as const;
export const textPositions = ['top', 'center', 'bottom'] as const;
export const mediaOrders = ['random', 'sequential'] as const;

export const textOverlaySchema = z
  .object({
    enabled: z.boolean(),
    template: templateSchema('overlay text', 200),
    font: z.string().trim().min(1, 'Choose a font.').max(100, 'Font name too long.'),
    size: z
      .number({ error: 'Enter a text size.' })
      .int('Enter a whole text size.')
      .min(8, 'Text size must be at least 8.')
      .max(200, 'Text size can be at most 200.'),
    color: colourSchema,
    position: z.enum(textPositions),
    box: z
      .object({
        enabled: z.boolean(),
        color: colourSchema,
        opacity: z.number().min(0, 'Opacity goes from 0 to 1.').max(1, 'Opacity goes from 0 to 1.'),
      })
      .strict(),
  })
  .strict()
  .refine((t) => !t.enabled || t.template.trim() !== '', {
    path: ['template'],
    message: 'Enter the overlay text, or turn the overlay off.',
  });
export type TextOverlay = z.infer<typeof textOverlaySchema>;

export const audioSchema = z
  .object({
    source: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('none') }).strict(),
      z
        .object({
          kind: z.literal('track'),
          mediaId: z.string().trim().min(1, 'Choose an audio track.'),
        })
        .strict(),
      z
        .object({
          kind: z.literal('tagged'),
          tags: z.array(tagSchema).min(1, 'Enter at least one tag to pick audio from.'),
        })
        .strict(),
    ]),
    volume: z.number().min(0, 'Volume goes from 0 to 1.').max(1, 'Volume goes from 0 to 1.'),
    fadeInMs: z.number().int().min(0, 'A fade cannot be negative.').max(10000, 'At most 10 s.'),
    fadeOutMs: z.number().int().min(0, 'A fade cannot be negative.').max(10000, 'At most 10 s.'),
  })
  .strict();
export type AudioSettings = z.infer<typeof audioSchema>;

export const contentSchema = z
  .object({
    sources: mediaSourcesSchema,
    clipCount: z
      .number({ error: 'Enter how many clips each video uses.' })
      .int('Enter a whole number of clips.')
      .min(1, 'Use at least 1 clip.')
      .max(50, 'Use at most 50 clips.'),
    order: z.enum(mediaOrders),
    lengthSeconds: z
      .number({ error: 'Enter the video length in seconds.' })
      .min(3, 'A video must be at least 3 seconds long.')
      .max(600, 'A video can be at most 600 seconds (10 minutes) long.'),
    stylePreset: z.enum(stylePresets),
    motion: z.enum(motions),
    transition: z
      .object({
        type: z.enum(transitionTypes),
        durationMs: z
          .number()
          .int('Enter a whole number of milliseconds.')
          .min(0, 'A transition cannot be negative.')
          .max(3000, 'A transition can last at most 3000 ms.'),
      })
      .strict(),
    textOverlay: textOverlaySchema,
    audio: audioSchema,
    aspect: z.enum(aspects),
  })
  .strict()
  .superRefine((content, ctx) => {
    const clipMs = (content.lengthSeconds * 1000) / content.clipCount;
    if (content.transition.type !== 'none' && content.transition.durationMs * 2 > clipMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['transition', 'durationMs'],
        message: `Each clip lasts about ${Math.round(clipMs)} ms, too short for ${content.transition.durationMs} ms transitions. Shorten the transitions, use fewer clips or make the video longer.`,
      });
    }
    if (content.audio.fadeInMs + content.audio.fadeOutMs > content.lengthSeconds * 1000) {
      ctx.addIssue({
        code: 'custom',
        path: ['audio', 'fadeOutMs'],
        message: 'The audio fades are longer than the video. Shorten them.',
      });
    }
  });
export type ContentSettings = z.infer<typeof contentSchema>;

/* --------------------------------------------------------------- platforms */

export { platformIds, type PlatformId } from './platforms';
/** The platforms' display names, under the name the configs screens use. */
export const platformLabels = platformNames;

/** The privacy levels each platform accepts; the UI offers only these. */
export const privacyByPlatform = {
  tiktok: ['public', 'friends', 'followers', 'private'],
  youtube: ['public', 'unlisted', 'private'],
  instagram: ['public'],
  facebook: ['public', 'friends', 'private'],
  x: ['public'],
} as const satisfies Record<PlatformId, readonly string[]>;
export const privacyLevels = ['public', 'unlisted', 'friends', 'followers', 'private'] as const;
export type PrivacyLevel = (typeof privacyLevels)[number];

export const hashtagSchema = z
  .string()
  .trim()
  .transform((tag) => tag.replace(/^#/, ''))
  .pipe(
    z
      .string()
      .min(1, 'A hashtag cannot be empty.')
      .max(100, 'A hashtag can be at most 100 characters.')
      .regex(/^[\p{L}\p{N}_]+$/u, 'A hashtag holds only letters, digits and underscores.'),
  );

export const platformSettingsSchema = z
  .object({
    enabled: z.boolean(),
    /** Only platforms with titles use it (YouTube); see `postTextRules`. */
    titleTemplate: templateSchema('title', 150),
    /** Structurally bounded here; each platform's own limit is checked on save (configInputSchema). */
    captionTemplate: templateSchema('caption', 5000),
    hashtags: z.array(hashtagSchema).max(30, 'At most 30 hashtags.'),
    privacy: z.enum(privacyLevels),
    /** YouTube only: the audience declaration its API requires. */
    madeForKids: z.boolean(),
  })
  .strict();
export type PlatformSettings = z.infer<typeof platformSettingsSchema>;

export const platformsSchema = z
  .object({
    tiktok: platformSettingsSchema,
    youtube: platformSettingsSchema,
    instagram: platformSettingsSchema,
    facebook: platformSettingsSchema,
    x: platformSettingsSchema,
  })
  .strict()
  .superRefine((platforms, ctx) => {
    for (const id of platformIds) {
      const allowed: readonly string[] = privacyByPlatform[id];
      if (!allowed.includes(platforms[id].privacy)) {
        ctx.addIssue({
          code: 'custom',
          path: [id, 'privacy'],
          message: `${platformLabels[id]} accepts only ${allowed.join(', ')} privacy.`,
        });
      }
    }
  });
export type PlatformsSettings = z.infer<typeof platformsSchema>;

/* ------------------------------------------------------------ distribution */

/**
 * crossPost: every video of a run goes to every chosen account (the default for new configs).
 * spread: each video goes to one account, chosen by the strategy. Configs saved before modes
 * existed have none stored and read as `spread`, the only behaviour they knew.
 */
export const distributionModes = ['crossPost', 'spread'] as const;
export type DistributionMode = (typeof distributionModes)[number];

export const distributionStrategies = ['sequential', 'random', 'roundRobin', 'weighted'] as const;
export type DistributionStrategy = (typeof distributionStrategies)[number];

export const distributionSchema = z
  .object({
    mode: z.enum(distributionModes).default('spread'),
    /** How `spread` chooses the account of each video; kept while cross-posting. */
    strategy: z.enum(distributionStrategies),
    accountIds: z
      .array(z.string().trim().min(1, 'An account id cannot be empty.'))
      .max(200, 'At most 200 accounts.')
      .refine((ids) => new Set(ids).size === ids.length, {
        message: 'Each account may be chosen only once.',
      }),
    /** Weighted strategy only: relative share per account id (missing accounts weigh 1). */
    weights: z.record(
      z.string(),
      z.number().min(0, 'A weight cannot be negative.').max(1000, 'A weight can be at most 1000.'),
    ),
    videosPerRun: z
      .number({ error: 'Enter how many videos each run makes.' })
      .int('Enter a whole number of videos.')
      .min(1, 'Each run makes at least 1 video.')
      .max(20, 'Each run makes at most 20 videos.'),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.strategy === 'weighted' && d.accountIds.length > 0) {
      const total = d.accountIds.reduce((sum, id) => sum + (d.weights[id] ?? 1), 0);
      if (total <= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['weights'],
          message: 'At least one account needs a weight above 0.',
        });
      }
    }
  });
export type Distribution = z.infer<typeof distributionSchema>;

/* ------------------------------------------------------------------ config */

const configShape = {
  name: z
    .string()
    .trim()
    .min(1, 'Give the config a name.')
    .max(80, 'A name can be at most 80 characters.'),
  schedule: scheduleSchema,
  content: contentSchema,
  platforms: platformsSchema,
  distribution: distributionSchema,
  /** Copies of the rendered videos on Google Drive (the storage domain's own section). */
  storage: configStorageSchema.default(defaultConfigStorage),
};

/** A config being edited: every field is well formed, but it may not be ready to save. */
export const configDraftSchema = z.object(configShape).strict();
export type ConfigDraft = z.infer<typeof configDraftSchema>;

export function hasMediaSources(sources: MediaSources): boolean {
  return sources.tags.length + sources.folders.length + sources.itemIds.length > 0;
}

/** A config that can be saved: it has sources, and every enabled platform accepts its text. */
export const configInputSchema = configDraftSchema.superRefine((config, ctx) => {
  if (!hasMediaSources(config.content.sources)) {
    ctx.addIssue({
      code: 'custom',
      path: ['content', 'sources'],
      message: 'Choose where the clips come from: at least one tag, folder or picked media item.',
    });
  }
  for (const id of platformIds) {
    if (!config.platforms[id].enabled) continue;
    for (const problem of templateProblems(id, config.platforms[id], config.name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['platforms', id, problem.field],
        message: problem.message,
      });
    }
  }
});
export type ConfigInput = z.infer<typeof configInputSchema>;

export const configSchema = z.object({
  ...configShape,
  id: z.string(),
  active: z.boolean(),
  nextRunAt: z.number().nullable(),
  lastRun: runSummarySchema.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Config = z.infer<typeof configSchema>;

export const configIdInputSchema = z.object({ id: z.string().min(1) }).strict();
export const configUpdateInputSchema = z
  .object({ id: z.string().min(1), config: configInputSchema })
  .strict();
export const setActiveInputSchema = z
  .object({ id: z.string().min(1), active: z.boolean() })
  .strict();
export const historyInputSchema = z
  .object({
    configId: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(200).default(20),
    before: z.number().optional(),
  })
  .strict();
export const checkDueResultSchema = z.object({
  checkedAt: z.number(),
  started: z.array(configRunSchema),
});
export const previewScheduleInputSchema = z
  .object({ schedule: scheduleSchema, count: z.number().int().min(1).max(20).default(5) })
  .strict();
export const previewScheduleResultSchema = z.object({ occurrences: z.array(z.number()) });

/* ----------------------------------------------------------------- preview */

export const configPreviewInputSchema = z
  .object({
    /** Chosen by the caller, so progress events can be matched to the request. */
    requestId: z.string().min(1).max(64),
    config: configInputSchema,
    seconds: z.number().min(1).max(15).default(5),
  })
  .strict();
export type ConfigPreviewInput = z.input<typeof configPreviewInputSchema>;

export const configPreviewSchema = z.object({
  /** Played through the media address helper (`preview` variant). */
  previewId: z.string(),
  durationMs: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  sizeBytes: z.number().int().nonnegative(),
  elapsedMs: z.number().int().nonnegative(),
});
export type ConfigPreview = z.infer<typeof configPreviewSchema>;

export const configPreviewProgressSchema = z.object({
  requestId: z.string(),
  /** 0 to 1. */
  fraction: z.number().min(0).max(1),
});

import { z } from 'zod';
import { videoRunSchema } from './distribution';
import { platformIdSchema } from './platforms';

/** The longest stretch one calendar request covers: a month view with the days around it. */
export const CALENDAR_MAX_SPAN_MS = 62 * 86_400_000;

export const calendarInputSchema = z
  .object({ from: z.number().int(), to: z.number().int() })
  .strict()
  .refine((range) => range.to > range.from, {
    message: 'The end of the range must come after its start.',
    path: ['to'],
  })
  .refine((range) => range.to - range.from <= CALENDAR_MAX_SPAN_MS, {
    message: 'Ask for at most 62 days at once.',
    path: ['to'],
  });
export type CalendarInput = z.infer<typeof calendarInputSchema>;

/** A scheduled run of a config: when, and what it will do. */
export const calendarRunSchema = z.object({
  configId: z.string(),
  configName: z.string(),
  at: z.number().int(),
  /** The config's own zone (its schedule's wall clock), named where it differs from Settings. */
  configTimeZone: z.string(),
  videosPerRun: z.number().int(),
  accountIds: z.array(z.string()),
  platforms: z.array(platformIdSchema),
});
export type CalendarRun = z.infer<typeof calendarRunSchema>;

/**
 * - waiting: planned at `at` (the pacing rules' first free time, or the time the person chose);
 * - uploading: going out now;
 * - held: no time until the person acts (`reason` says what to do);
 * - posted: published at `at`.
 */
export const calendarPostStates = ['waiting', 'uploading', 'held', 'posted'] as const;
export type CalendarPostState = (typeof calendarPostStates)[number];

export const calendarPostSchema = z.object({
  targetId: z.string(),
  videoId: z.string(),
  videoTitle: z.string(),
  run: videoRunSchema.nullable(),
  accountId: z.string(),
  accountHandle: z.string().nullable(),
  platform: platformIdSchema,
  state: z.enum(calendarPostStates),
  at: z.number().int().nullable(),
  /** The time the person moved it to (null: it goes when pacing allows). */
  movedTo: z.number().int().nullable(),
  /** Why it is not earlier, or why it is held, in words. */
  reason: z.string().nullable(),
  /** The caption's written text (without hashtags), for a glance. */
  caption: z.string(),
});
export type CalendarPost = z.infer<typeof calendarPostSchema>;

export const calendarSchema = z.object({
  /** The Settings time zone the calendar is laid out in. */
  timeZone: z.string(),
  /** Automation is paused: scheduled runs do not start and waiting posts wait. */
  paused: z.boolean(),
  now: z.number().int(),
  runs: z.array(calendarRunSchema),
  /** Configs with more runs in the range than the calendar lists (every few minutes). */
  runsCut: z.array(z.string()),
  /** Every post not out yet, and the posts published in the range. */
  posts: z.array(calendarPostSchema),
});
export type Calendar = z.infer<typeof calendarSchema>;

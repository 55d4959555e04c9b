import { z } from 'zod';

/** A config's runs and the videos of each run, as the history shows them. */
export const runTriggers = ['schedule', 'catchUp', 'manual'] as const;
export const runStates = [
  'pending',
  'running',
  'succeeded',
  'partial',
  'failed',
  'cancelled',
] as const;
export type RunTrigger = (typeof runTriggers)[number];
export type RunState = (typeof runStates)[number];
export const videoStates = ['queued', 'rendering', 'rendered', 'failed', 'cancelled'] as const;
export type RunVideoState = (typeof videoStates)[number];

export const runVideoSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  state: z.enum(videoStates),
  jobId: z.string().nullable(),
  accountIds: z.array(z.string()),
  mediaIds: z.array(z.string()),
  progress: z.number().min(0).max(1),
  outputPath: z.string().nullable(),
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
  finishedAt: z.number().nullable(),
});
export type RunVideo = z.infer<typeof runVideoSchema>;

/**
 * What became of a run's posts (distribution targets of its videos): rendering can succeed while
 * posts fail or wait. `problems` holds the words of failed posts, one per distinct failure.
 */
export const runPostsSchema = z.object({
  total: z.number().int(),
  posted: z.number().int(),
  failed: z.number().int(),
  /** Waiting for their slot, uploading or processing. */
  inProgress: z.number().int(),
  platforms: z.number().int(),
  problems: z.array(z.string()),
});
export type RunPosts = z.infer<typeof runPostsSchema>;

export const noPosts: RunPosts = {
  total: 0,
  posted: 0,
  failed: 0,
  inProgress: 0,
  platforms: 0,
  problems: [],
};

export const configRunSchema = z.object({
  id: z.string(),
  configId: z.string(),
  configName: z.string(),
  trigger: z.enum(runTriggers),
  scheduledFor: z.number().nullable(),
  /** Occurrences that were skipped because the app was asleep or closed (catch-up runs). */
  missedCount: z.number().int(),
  state: z.enum(runStates),
  error: z.string().nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
  videos: z.array(runVideoSchema),
  posts: runPostsSchema,
});
export type ConfigRun = z.infer<typeof configRunSchema>;

export const runSummarySchema = z.object({
  id: z.string(),
  state: z.enum(runStates),
  trigger: z.enum(runTriggers),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
  error: z.string().nullable(),
  posts: runPostsSchema,
});
export type RunSummary = z.infer<typeof runSummarySchema>;

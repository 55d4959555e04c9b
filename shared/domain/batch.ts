import { z } from 'zod';
import { privacyLevels } from './configs';
import { platformIdSchema } from './platforms';

export const batchKinds = ['distribute', 'csv', 'generate'] as const;
export const batchKindSchema = z.enum(batchKinds);
export type BatchKind = z.infer<typeof batchKindSchema>;

/**
 * `waiting`: its start time is ahead; `running`; `paused` (running items finish, no new ones
 * start); `cancelled` (nothing posted is undone); `done` (every item is final; the counts say
 * how many failed).
 */
export const batchStates = ['waiting', 'running', 'paused', 'cancelled', 'done'] as const;
export const batchStateSchema = z.enum(batchStates);
export type BatchState = z.infer<typeof batchStateSchema>;

export const batchItemStates = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
] as const;
export const batchItemStateSchema = z.enum(batchItemStates);
export type BatchItemState = z.infer<typeof batchItemStateSchema>;

export const batchCountsSchema = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  running: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  cancelled: z.number().int(),
});
export type BatchCounts = z.infer<typeof batchCountsSchema>;

export const batchSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: batchKindSchema,
  state: batchStateSchema,
  /** Items of this batch in flight at once. */
  concurrency: z.number().int().positive(),
  startAt: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  counts: batchCountsSchema,
  /** Milliseconds left at the rate observed so far; null until two items finished. */
  etaMs: z.number().int().nullable(),
  /** The last planned post time of the items not out yet (a spread batch ends no sooner). */
  lastPlannedAt: z.number().int().nullable(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

export const batchPostSchema = z.object({
  title: z.string(),
  caption: z.string(),
  hashtags: z.array(z.string()),
  privacy: z.enum(privacyLevels),
});
export type BatchPost = z.infer<typeof batchPostSchema>;

export const batchItemSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  position: z.number().int(),
  /** The CSV line the item came from (the header is line 1); null for other kinds. */
  rowNumber: z.number().int().nullable(),
  externalId: z.string().nullable(),
  /** Null for a generate item: its run's config assigns the accounts. */
  accountId: z.string().nullable(),
  accountHandle: z.string().nullable(),
  platform: platformIdSchema.nullable(),
  mediaId: z.string().nullable(),
  mediaName: z.string(),
  post: batchPostSchema,
  /** When the item is planned to post (null: as soon as pacing allows). */
  plannedAt: z.number().int().nullable(),
  state: batchItemStateSchema,
  /** What happened or what it waits for, in words. */
  message: z.string().nullable(),
  targetId: z.string().nullable(),
  /** Generate items: the topic line it fills the template with (null for a count). */
  topic: z.string().nullable(),
  /** Generate items: the run started for it, and its videos' progress once started. */
  runId: z.string().nullable(),
  postUrl: z.string().nullable(),
  publishedAt: z.number().int().nullable(),
  updatedAt: z.number().int(),
});
export type BatchItem = z.infer<typeof batchItemSchema>;

export const batchDetailSchema = z.object({
  batch: batchSummarySchema,
  items: z.array(batchItemSchema),
});
export type BatchDetail = z.infer<typeof batchDetailSchema>;

/** A CSV file's text as the person dropped it (at most 10 MB). */
export const csvFileSchema = z
  .object({
    fileName: z.string().min(1).max(300),
    text: z.string().max(10 * 1024 * 1024),
  })
  .strict();
export type CsvFile = z.infer<typeof csvFileSchema>;

export const csvRowPreviewSchema = z.object({
  /** The line in the file (the header is line 1). */
  rowNumber: z.number().int(),
  ok: z.boolean(),
  errors: z.array(z.string()),
  /** Imported anyway, but worth a look (the same caption on an account within 3 days). */
  warnings: z.array(z.string()),
  /** Already imported from this file or another (same external_id or the same row). */
  duplicate: z.boolean(),
  accounts: z.array(z.string()),
  platform: platformIdSchema.nullable(),
  media: z.string(),
  caption: z.string(),
  scheduledAt: z.number().int().nullable(),
});
export type CsvRowPreview = z.infer<typeof csvRowPreviewSchema>;

export const csvPreviewSchema = z.object({
  fileName: z.string(),
  delimiter: z.string(),
  columns: z.array(z.string()),
  rows: z.array(csvRowPreviewSchema),
  /** A problem with the whole file (no header, no known column); no row is read then. */
  fileError: z.string().nullable(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  duplicateRows: z.number().int(),
});
export type CsvPreview = z.infer<typeof csvPreviewSchema>;

const concurrencySchema = z.number().int().min(1).max(20);

export const csvImportInputSchema = csvFileSchema
  .extend({
    name: z.string().trim().min(1).max(120).optional(),
    concurrency: concurrencySchema.default(2),
    /** Nothing starts before this instant (default now). */
    startAt: z.number().int().nullable().default(null),
  })
  .strict();
export type CsvImportInput = z.input<typeof csvImportInputSchema>;

export const csvImportResultSchema = z.object({
  preview: csvPreviewSchema,
  /** Null when no row was new. */
  batch: batchSummarySchema.nullable(),
  created: z.number().int(),
});
export type CsvImportResult = z.infer<typeof csvImportResultSchema>;

/** Local hours a spread batch posts in, in the Settings zone ("09:00" to "21:00"). */
export const dailyHoursSchema = z
  .object({
    from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    to: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/),
  })
  .refine((h) => h.from < h.to, { message: 'The daily hours must end after they start.' });
export type DailyHours = z.infer<typeof dailyHoursSchema>;

export const distributePlanInputSchema = z
  .object({
    mediaIds: z.array(z.string()).min(1).max(1000),
    accountIds: z.array(z.string()).min(1).max(100),
    /** `spread`: over [from, to) honouring pacing; `at`: every post at `from` (pacing permitting). */
    timing: z.enum(['spread', 'at']),
    from: z.number().int(),
    to: z.number().int(),
    dailyHours: dailyHoursSchema.nullable().default(null),
  })
  .strict();
export type DistributePlanInput = z.input<typeof distributePlanInputSchema>;

export const plannedSlotSchema = z.object({
  mediaId: z.string(),
  accountId: z.string(),
  at: z.number().int().nullable(),
  /** Why not earlier (a pacing rule), or why it cannot be planned; null: free. */
  reason: z.string().nullable(),
  /** This video is already posted or planned on this account: it is left out. */
  alreadyPosted: z.boolean(),
});
export type PlannedSlot = z.infer<typeof plannedSlotSchema>;

export const distributePlanSchema = z.object({
  timeZone: z.string(),
  slots: z.array(plannedSlotSchema),
  /** Posts that land after the window's end (pacing leaves too little room), in words. */
  warnings: z.array(z.string()),
});
export type DistributePlan = z.infer<typeof distributePlanSchema>;

export const distributeCreateInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    mediaIds: z.array(z.string()).min(1).max(1000),
    accountIds: z.array(z.string()).min(1).max(100),
    timing: z.enum(['spread', 'at']),
    from: z.number().int(),
    to: z.number().int(),
    dailyHours: dailyHoursSchema.nullable().default(null),
    post: batchPostSchema,
    concurrency: concurrencySchema.default(2),
  })
  .strict();
export type DistributeCreateInput = z.input<typeof distributeCreateInputSchema>;

export const batchIdInputSchema = z.object({ id: z.string() }).strict();

export const batchRetryInputSchema = z
  .object({ id: z.string(), itemIds: z.array(z.string()).max(5000).optional() })
  .strict();

export const batchExportInputSchema = z
  .object({ id: z.string(), format: z.enum(['csv', 'json']) })
  .strict();

export const batchExportSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  content: z.string(),
});
export type BatchExport = z.infer<typeof batchExportSchema>;

/** What cancelling did, in numbers the screen puts in words. */
export const batchCancelResultSchema = z.object({
  batch: batchSummarySchema,
  cancelled: z.number().int(),
  /** Posts already out: cancelling never takes them down. */
  alreadyPosted: z.number().int(),
});
export type BatchCancelResult = z.infer<typeof batchCancelResultSchema>;

/* ---------------------------------------------------------------- generate */

/** The variable a topic list fills in the batch's text templates. */
export const TOPIC_VARIABLE = '{topic}';

/** Lines of a pasted topic list or a one-column CSV: trimmed, blank lines and a header dropped. */
export function topicLines(text: string): string[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .map((line) => (/^".*"$/.test(line) ? line.slice(1, -1).replace(/""/g, '"').trim() : line))
    .filter((line) => line !== '');
  if (lines[0] !== undefined && /^(topic|topics|caption|captions)$/i.test(lines[0])) lines.shift();
  return lines;
}

export const generateTemplatesSchema = z
  .object({
    /** Each post's caption on every platform (the config's caption when empty). */
    caption: z.string().max(2200, 'The caption can be at most 2200 characters.').default(''),
    /** Each post's title (the config's title when empty). */
    title: z.string().max(150, 'The title can be at most 150 characters.').default(''),
    /** The text over the video (the config's overlay when empty). */
    overlay: z.string().max(200, 'The overlay text can be at most 200 characters.').default(''),
  })
  .strict();
export type GenerateTemplates = z.infer<typeof generateTemplatesSchema>;

export const generateCreateInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Name the batch.').max(120),
    configId: z.string().min(1, 'Pick a config.'),
    /** `count`: N videos from the config; `topics`: one video per line. */
    mode: z.enum(['count', 'topics']),
    count: z
      .number()
      .int()
      .min(1, 'At least one video.')
      .max(500, 'At most 500 videos.')
      .default(1),
    topics: z.array(z.string().trim().min(1).max(500)).max(500, 'At most 500 topics.').default([]),
    templates: generateTemplatesSchema.default({ caption: '', title: '', overlay: '' }),
    /** Post each video to the config's accounts as its runs do; false: render only. */
    distribute: z.boolean(),
    startAt: z.number().int().nullable().default(null),
    concurrency: concurrencySchema.default(1),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.mode === 'topics' && input.topics.length === 0)
      ctx.addIssue({ code: 'custom', path: ['topics'], message: 'Paste at least one topic.' });
  });
export type GenerateCreateInput = z.input<typeof generateCreateInputSchema>;

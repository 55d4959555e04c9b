import { z } from 'zod';
import { hashtagSchema, privacyLevels } from './configs';
import { platformIdSchema } from './platforms';

/**
 * `verifying`: an irreversible call (publish, tweet) may or may not have created the post; the
 * engine looks for it on the platform before it ever posts again.
 */
export const targetStates = ['pending', 'processing', 'verifying', 'success', 'failed'] as const;
export const targetStateSchema = z.enum(targetStates);
export type TargetState = z.infer<typeof targetStateSchema>;

/** A video's status over all its targets. */
export const videoStatuses = ['pending', 'processing', 'success', 'partial', 'failed'] as const;
export type VideoStatus = (typeof videoStatuses)[number];

export const metricsPointSchema = z.object({
  at: z.number().int(),
  // null: the platform does not report this value.
  views: z.number().int().nullable(),
  likes: z.number().int().nullable(),
  comments: z.number().int().nullable(),
  shares: z.number().int().nullable(),
  saves: z.number().int().nullable(),
});
export type MetricsPoint = z.infer<typeof metricsPointSchema>;

/** A post's words and audience as the person edits them (the caption without its hashtags). */
export const postTextSchema = z.object({
  /** Null on the platforms that have no title. */
  title: z.string().nullable(),
  text: z.string(),
  hashtags: z.array(z.string()),
  privacy: z.enum(privacyLevels),
});
export type PostTextDto = z.infer<typeof postTextSchema>;

/** Whether the post's text may change now, and if not, why in words. */
export const postEditabilitySchema = z.object({
  allowed: z.boolean(),
  reason: z.string().nullable(),
  /** The upload saved so far is started over: the platform took the old text with it. */
  restartsUpload: z.boolean(),
});
export type PostEditability = z.infer<typeof postEditabilitySchema>;

export const distributionTargetSchema = z.object({
  id: z.string(),
  videoId: z.string(),
  accountId: z.string(),
  accountHandle: z.string().nullable(),
  platform: platformIdSchema,
  state: targetStateSchema,
  phase: z.string().nullable(),
  sentBytes: z.number().int(),
  totalBytes: z.number().int(),
  remoteId: z.string().nullable(),
  url: z.string().nullable(),
  notices: z.array(z.string()),
  /** `unknown`: ReelPilot could not tell whether the post was made (PLATFORMS.md "Errors"). */
  errorKind: z.enum(['auth', 'rate', 'transient', 'content', 'unknown']).nullable(),
  errorMessage: z.string().nullable(),
  /** What the person can do about the error, in words. */
  suggestedAction: z.string().nullable(),
  attempts: z.number().int(),
  waitingUntil: z.number().int().nullable(),
  publishedAt: z.number().int().nullable(),
  latestMetrics: metricsPointSchema.nullable(),
  /** When metrics were last read (null: not yet). */
  metricsAt: z.number().int().nullable(),
  /** Why the platform reports no metrics for this post, in words (null: it reports them). */
  metricsNote: z.string().nullable(),
  /** Why the post is private although that may not be what was asked, in words. */
  privacyNote: z.string().nullable(),
  /** The post's page: the platform's own link, or one made from the post id and handle. */
  openUrl: z.string().nullable(),
  post: postTextSchema,
  edit: postEditabilitySchema,
  /** The time the person moved this post to (null: it goes when pacing allows). */
  notBefore: z.number().int().nullable(),
  /** When its text was last edited (null: never). */
  editedAt: z.number().int().nullable(),
  updatedAt: z.number().int(),
});
export type DistributionTarget = z.infer<typeof distributionTargetSchema>;

/** Where a video came from: its config's run, its place in the run and the run's time. */
export const videoRunSchema = z.object({
  configName: z.string(),
  /** The run's scheduled time, or when a run started by hand began. */
  at: z.number().int(),
  /** 0-based. */
  position: z.number().int(),
  count: z.number().int(),
});
export type VideoRun = z.infer<typeof videoRunSchema>;

export const distributionVideoSchema = z.object({
  id: z.string(),
  title: z.string(),
  configId: z.string().nullable(),
  /** The rendered file that is posted (the media library has it, with its thumbnail). */
  filePath: z.string(),
  run: videoRunSchema.nullable(),
  status: z.enum(videoStatuses),
  createdAt: z.number().int(),
  targets: z.array(distributionTargetSchema),
});
export type DistributionVideo = z.infer<typeof distributionVideoSchema>;

export const distributionListInputSchema = z
  .object({
    status: targetStateSchema.optional(),
    platform: platformIdSchema.optional(),
    accountId: z.string().min(1).optional(),
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type DistributionListInput = z.infer<typeof distributionListInputSchema>;

export const targetIdInputSchema = z.object({ targetId: z.string().min(1) }).strict();

export const editPostInputSchema = z
  .object({
    targetId: z.string().min(1),
    /** Null on the platforms that have no title. */
    title: z.string().max(5000, 'A title can be at most 5,000 characters.').nullable(),
    text: z.string().max(20_000, 'A caption can be at most 20,000 characters.'),
    hashtags: z.array(hashtagSchema).max(100, 'At most 100 hashtags.'),
    privacy: z.enum(privacyLevels),
  })
  .strict();
export type EditPostInput = z.infer<typeof editPostInputSchema>;

export const rescheduleInputSchema = z
  .object({ targetId: z.string().min(1), at: z.number().int().positive() })
  .strict();
export type RescheduleInput = z.infer<typeof rescheduleInputSchema>;

/** Where a change came from: the desktop app, a browser through the host, or the engine. */
export const changeSources = ['ipc', 'http', 'internal'] as const;

/** One change of a post by the person: its text and privacy, or its time. */
export const postChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    id: z.string(),
    at: z.number().int(),
    by: z.enum(changeSources),
    before: postTextSchema,
    after: postTextSchema,
    /** The saved upload was kept, started over, or there was none yet. */
    upload: z.enum(['kept', 'restarted', 'none']),
  }),
  z.object({
    kind: z.literal('time'),
    id: z.string(),
    at: z.number().int(),
    by: z.enum(changeSources),
    from: z.number().int().nullable(),
    to: z.number().int(),
  }),
]);
export type PostChange = z.infer<typeof postChangeSchema>;

/** What a refused move says besides its words: the nearest time the post may go. */
export const rescheduleRefusalSchema = z.object({ nearest: z.number().int().nullable() });

export const metricsTotalsSchema = z.object({
  posts: z.number().int(),
  views: z.number().int().nullable(),
  likes: z.number().int().nullable(),
  comments: z.number().int().nullable(),
  shares: z.number().int().nullable(),
  saves: z.number().int().nullable(),
});
export type MetricsTotals = z.infer<typeof metricsTotalsSchema>;

export const metricsSummarySchema = z.object({
  byPlatform: z.array(metricsTotalsSchema.extend({ platform: platformIdSchema })),
  byAccount: z.array(metricsTotalsSchema.extend({ accountId: z.string() })),
  byVideo: z.array(metricsTotalsSchema.extend({ videoId: z.string() })),
});
export type MetricsSummary = z.infer<typeof metricsSummarySchema>;

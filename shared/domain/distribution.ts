import { z } from 'zod';
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
  updatedAt: z.number().int(),
});
export type DistributionTarget = z.infer<typeof distributionTargetSchema>;

export const distributionVideoSchema = z.object({
  id: z.string(),
  title: z.string(),
  configId: z.string().nullable(),
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

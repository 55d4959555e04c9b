import { z } from 'zod';
import { thumbnailStateSchema } from './media';
import { platformIdSchema } from './platforms';

/**
 * Statistics of what the engine did and how the posts do, by period: the dashboard's figures,
 * its series, the top posts and the best times to post. The figures come from rollups kept in
 * the engine (docs/statistics.md); the rates and their changes are worked out here so the
 * screen and the CSV export say the same.
 */

export const periodPresets = ['24h', '7d', '30d', '90d'] as const;
export const periodPresetSchema = z.enum(periodPresets);
export type PeriodPreset = z.infer<typeof periodPresetSchema>;

/** The most days a custom range may span (about ten years). */
export const maxRangeDays = 3660;

const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD.')
  .refine((value) => {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'That day does not exist.');

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/**
 * A period: the last 24 hours (whole hours, the current one included), the last 7, 30 or 90
 * days (whole days in the Settings time zone, today included), or a custom range of days, both
 * ends included.
 */
export const periodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('preset'), preset: periodPresetSchema }).strict(),
  z
    .object({ kind: z.literal('custom'), from: isoDateSchema, to: isoDateSchema })
    .strict()
    .refine((range) => range.from <= range.to, {
      message: 'The range must end on or after the day it starts.',
      path: ['to'],
    })
    .refine((range) => daysBetween(range.from, range.to) < maxRangeDays, {
      message: `A range can span at most ${maxRangeDays} days.`,
      path: ['from'],
    }),
]);
export type Period = z.infer<typeof periodSchema>;

export const statisticsFiltersSchema = z
  .object({
    platform: platformIdSchema.optional(),
    accountId: z.string().min(1).optional(),
    configId: z.string().min(1).optional(),
  })
  .strict();
export type StatisticsFilters = z.infer<typeof statisticsFiltersSchema>;

export const statisticsQuerySchema = z
  .object({ period: periodSchema, filters: statisticsFiltersSchema.default({}) })
  .strict();
export type StatisticsQuery = z.input<typeof statisticsQuerySchema>;

export const grains = ['hour', 'day', 'week', 'month'] as const;
export const grainSchema = z.enum(grains);
export type Grain = z.infer<typeof grainSchema>;

/** The instants a period covers, resolved in the Settings time zone, and the one before it. */
export const resolvedPeriodSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  previousStart: z.number().int(),
  previousEnd: z.number().int(),
  /** The grain the period is summed and drawn in by default: hours for 24 h, else days. */
  grain: grainSchema,
  /** Calendar days in the period; null for the 24-hour period. */
  days: z.number().int().nullable(),
  timeZone: z.string(),
});
export type ResolvedPeriod = z.infer<typeof resolvedPeriodSchema>;

export const metricNames = ['views', 'likes', 'comments', 'shares', 'saves'] as const;
export type MetricName = (typeof metricNames)[number];

/** A summed metric: null when no post reported it ("not reported", never 0). */
export const metricTotalSchema = z.object({
  sum: z.number().int().nullable(),
  /** How many of the published posts reported this metric. */
  posts: z.number().int(),
});
export type MetricTotal = z.infer<typeof metricTotalSchema>;

export const renderTotalsSchema = z.object({
  rendered: z.number().int(),
  failed: z.number().int(),
  /** Time spent rendering the rendered videos, and how many of them recorded it. */
  renderMs: z.number().int(),
  timed: z.number().int(),
});
export type RenderTotals = z.infer<typeof renderTotalsSchema>;

export const postTotalsSchema = z.object({
  succeeded: z.number().int(),
  failed: z.number().int(),
  /** Not finished yet: waiting, uploading, processing or being verified. */
  pending: z.number().int(),
  /** Upload attempts of the posts that finished (published or failed). */
  settledAttempts: z.number().int(),
  /** Attempts beyond the first, over all posts. */
  retries: z.number().int(),
});
export type PostTotals = z.infer<typeof postTotalsSchema>;

export const engagementTotalsSchema = z.object({
  views: metricTotalSchema,
  likes: metricTotalSchema,
  comments: metricTotalSchema,
  shares: metricTotalSchema,
  saves: metricTotalSchema,
  /** Views and interactions of the posts that report views and at least one interaction. */
  ratedViews: z.number().int(),
  ratedInteractions: z.number().int(),
});
export type EngagementTotals = z.infer<typeof engagementTotalsSchema>;

export const periodTotalsSchema = z.object({
  /** Null when a platform or account filter is set: a render serves several accounts. */
  renders: renderTotalsSchema.nullable(),
  posts: postTotalsSchema,
  engagement: engagementTotalsSchema,
});
export type PeriodTotals = z.infer<typeof periodTotalsSchema>;

export const rebuildStatusSchema = z.object({
  state: z.enum(['ready', 'queued', 'running', 'failed']),
  /** Items recomputed so far, of `total`, while running. */
  done: z.number().int(),
  total: z.number().int(),
  /** When the rollups were last built from the raw tables. */
  builtAt: z.number().int().nullable(),
  /** The zone the rollups are kept in. */
  timeZone: z.string().nullable(),
  error: z.string().nullable(),
});
export type RebuildStatus = z.infer<typeof rebuildStatusSchema>;

const groupTotalsSchema = z.object({ posts: postTotalsSchema, engagement: engagementTotalsSchema });

export const dashboardSchema = z.object({
  period: resolvedPeriodSchema,
  current: periodTotalsSchema,
  previous: periodTotalsSchema,
  byPlatform: z.array(groupTotalsSchema.extend({ platform: platformIdSchema })),
  byAccount: z.array(
    groupTotalsSchema.extend({
      accountId: z.string(),
      platform: platformIdSchema,
      /** Null when the account was removed since. */
      handle: z.string().nullable(),
    }),
  ),
  /** Anything at all was ever recorded (a render or a post), whatever the period. */
  hasHistory: z.boolean(),
  rebuild: rebuildStatusSchema,
});
export type Dashboard = z.infer<typeof dashboardSchema>;
export type PlatformGroup = Dashboard['byPlatform'][number];
export type AccountGroup = Dashboard['byAccount'][number];

export const timeseriesInputSchema = z
  .object({
    period: periodSchema,
    filters: statisticsFiltersSchema.default({}),
    /** Default: the period's own grain (hours for 24 h, else days). */
    grain: grainSchema.optional(),
  })
  .strict();

export const timeseriesPointSchema = z.object({
  /** The bucket's first instant (its local midnight, Monday or first of the month). */
  start: z.number().int(),
  posts: postTotalsSchema,
  engagement: engagementTotalsSchema,
  renders: renderTotalsSchema.nullable(),
});
export type TimeseriesPoint = z.infer<typeof timeseriesPointSchema>;

export const timeseriesSchema = z.object({
  period: resolvedPeriodSchema,
  grain: grainSchema,
  points: z.array(timeseriesPointSchema),
});
export type Timeseries = z.infer<typeof timeseriesSchema>;

export const topPostSorts = ['views', 'engagementRate'] as const;
export const topPostsInputSchema = z
  .object({
    period: periodSchema,
    filters: statisticsFiltersSchema.default({}),
    sort: z.enum(topPostSorts).default('views'),
    limit: z.number().int().min(1).max(100).default(10),
  })
  .strict();

/** Fewer views than this make an engagement rate too noisy to rank posts by. */
export const minViewsForRate = 50;

export const topPostSchema = z.object({
  targetId: z.string(),
  title: z.string().nullable(),
  platform: platformIdSchema,
  accountId: z.string(),
  handle: z.string().nullable(),
  /** The post on the platform; null when the platform gave none or the post was deleted. */
  url: z.string().nullable(),
  publishedAt: z.number().int(),
  views: z.number().int().nullable(),
  likes: z.number().int().nullable(),
  comments: z.number().int().nullable(),
  shares: z.number().int().nullable(),
  saves: z.number().int().nullable(),
  engagementRate: z.number().nullable(),
  /** The rendered video in the media library, for its thumbnail; null when it left it. */
  media: z
    .object({ id: z.string(), thumbnail: thumbnailStateSchema, contentHash: z.string() })
    .nullable(),
});
export type TopPost = z.infer<typeof topPostSchema>;

export const bestTimesInputSchema = z
  .object({ filters: statisticsFiltersSchema.default({}) })
  .strict();

/** Below this many posts with views the heatmap says it has too little to go on. */
export const minPostsForBestTimes = 20;

export const bestTimesSchema = z.object({
  timeZone: z.string(),
  /** Published posts that reported views, over the whole history the filters let through. */
  posts: z.number().int(),
  since: z.number().int().nullable(),
  enough: z.boolean(),
  /** Only hours with posts; weekday 0 is Monday, hour 0–23 in the Settings time zone. */
  cells: z.array(
    z.object({
      weekday: z.number().int().min(0).max(6),
      hour: z.number().int().min(0).max(23),
      posts: z.number().int(),
      averageViews: z.number(),
      engagementRate: z.number().nullable(),
    }),
  ),
});
export type BestTimes = z.infer<typeof bestTimesSchema>;

export const exportKinds = ['figures', 'posts'] as const;
export const exportInputSchema = z
  .object({
    period: periodSchema,
    filters: statisticsFiltersSchema.default({}),
    what: z.enum(exportKinds),
  })
  .strict();
export type ExportInput = z.input<typeof exportInputSchema>;

export const exportFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.literal('text/csv'),
  content: z.string(),
  rows: z.number().int(),
});
export type ExportFile = z.infer<typeof exportFileSchema>;

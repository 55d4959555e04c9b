import { z } from 'zod';
import {
  bestTimesInputSchema,
  bestTimesSchema,
  dashboardSchema,
  exportFileSchema,
  exportInputSchema,
  rebuildStatusSchema,
  statisticsQuerySchema,
  timeseriesInputSchema,
  timeseriesSchema,
  topPostSchema,
  topPostsInputSchema,
} from '../domain/statistics';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

export const statisticsChannels = defineChannels({
  /** Key figures of a period and of the one before it, totals per platform and per account. */
  'statistics:dashboard': { input: statisticsQuerySchema, output: dashboardSchema },
  /** The period's figures bucket by bucket (hours, days, weeks or months), empty ones included. */
  'statistics:timeseries': { input: timeseriesInputSchema, output: timeseriesSchema },
  /** The period's best posts by views or engagement rate. */
  'statistics:topPosts': { input: topPostsInputSchema, output: z.array(topPostSchema) },
  /** Average views by weekday and hour of publishing, over the whole history. */
  'statistics:bestTimes': { input: bestTimesInputSchema, output: bestTimesSchema },
  /** The shown figures or the period's posts as a CSV file. */
  'statistics:export': { input: exportInputSchema, output: exportFileSchema },
  /** Where the rollups stand (being rebuilt, failed, ready). */
  'statistics:status': { input: emptyInput, output: rebuildStatusSchema },
  /** Builds the rollups again from the raw tables, on the job queue. */
  'statistics:rebuild': { input: emptyInput, output: rebuildStatusSchema },
});

import { z } from 'zod';
import {
  distributionListInputSchema,
  distributionTargetSchema,
  distributionVideoSchema,
  metricsPointSchema,
  metricsSummarySchema,
  targetIdInputSchema,
} from '../domain/distribution';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

export const distributionChannels = defineChannels({
  /** Recent videos with their targets, newest first, filtered. */
  'distribution:list': {
    input: distributionListInputSchema,
    output: z.array(distributionVideoSchema),
  },
  /** Posts a failed target again (resuming its saved upload when that is still possible). */
  'distribution:retry': { input: targetIdInputSchema, output: distributionTargetSchema },
  /** A target's metrics history, oldest first. */
  'distribution:metrics': { input: targetIdInputSchema, output: z.array(metricsPointSchema) },
  /** Latest metrics summed per platform, per account and per video. */
  'distribution:summary': { input: emptyInput, output: metricsSummarySchema },
});

import { z } from 'zod';
import {
  distributionListInputSchema,
  editPostInputSchema,
  postChangeSchema,
  rescheduleInputSchema,
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
  /**
   * Changes a waiting or failed post's title, caption, hashtags and privacy, checked against the
   * platform's limits; refused while it uploads, once posted, and where the platform may already
   * have the post with the old text. Retry (or its slot) then posts the new text.
   */
  'distribution:editPost': { input: editPostInputSchema, output: distributionTargetSchema },
  /**
   * Moves a waiting post to another time; refused (CONFLICT, with the nearest free time in
   * `details.nearest`) when pacing or the platform's caps do not allow a post then.
   */
  'distribution:reschedule': { input: rescheduleInputSchema, output: distributionTargetSchema },
  /** The changes the person made to a post (text, privacy, time), newest first. */
  'distribution:changes': { input: targetIdInputSchema, output: z.array(postChangeSchema) },
  /** A target's metrics history, oldest first. */
  'distribution:metrics': { input: targetIdInputSchema, output: z.array(metricsPointSchema) },
  /** Latest metrics summed per platform, per account and per video. */
  'distribution:summary': { input: emptyInput, output: metricsSummarySchema },
});

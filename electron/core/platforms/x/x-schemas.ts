/**
 * The X upload's saved state and X's answers, as schemas: the adapter (x-adapter.ts) reads every
 * answer through one of them, and a saved state from an older version through `stateSchema`.
 */
import { z } from 'zod';
import { markedAt } from '../irreversible-call';

/** The uploaded media, in every step until the post exists. */
const media = { mediaId: z.string(), mediaKey: z.string().optional() };
export const stateSchema = z.union([
  z.object({
    step: z.literal('uploading'),
    ...media,
    nextSegment: z.number().int().nonnegative(),
  }),
  z.object({ step: z.literal('finalizing'), ...media }),
  /** FINALIZE answered: X processes the media, asked with STATUS. */
  z.object({ step: z.literal('finalized'), ...media }),
  z.object({ step: z.literal('processed'), ...media }),
  /** The marker: the post was being created at `at` (absent in states of older versions). */
  z.object({ step: z.literal('tweeting'), ...media, at: markedAt.optional() }),
  z.object({ step: z.literal('posted'), mediaId: z.string(), tweetId: z.string() }),
]);
export type XState = z.infer<typeof stateSchema>;

const processingSchema = z
  .object({
    state: z.enum(['pending', 'in_progress', 'succeeded', 'failed']),
    check_after_secs: z.number().optional(),
    error: z.object({ message: z.string().optional(), name: z.string().optional() }).optional(),
  })
  .optional();
export type ProcessingInfo = z.infer<typeof processingSchema>;
export const mediaSchema = z.object({
  data: z.object({
    id: z.string(),
    media_key: z.string().optional(),
    processing_info: processingSchema,
  }),
});
/** `GET /2/users/:id/tweets` with the attachments' media keys. */
export const timelineSchema = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        attachments: z.object({ media_keys: z.array(z.string()).optional() }).optional(),
      }),
    )
    .optional(),
});
export const tweetSchema = z.object({
  data: z.object({ id: z.string(), text: z.string().optional() }),
});
export const metricsSchema = z.object({
  data: z.object({
    id: z.string(),
    public_metrics: z
      .object({
        impression_count: z.number().optional(),
        like_count: z.number().optional(),
        reply_count: z.number().optional(),
        retweet_count: z.number().optional(),
        quote_count: z.number().optional(),
        bookmark_count: z.number().optional(),
      })
      .optional(),
  }),
});

import { z } from 'zod';
import { pageCursorSchema } from './alerts';
import { platformIdSchema } from './platforms';
import { navigationTargetSchema } from './screens';

/**
 * The class of a failure in the errors log: a post's error classes (the platforms' classification)
 * and the job kinds that fail on their own.
 */
export const errorClasses = [
  'auth',
  'rate',
  'transient',
  'content',
  'unknown',
  'render',
  'metrics',
  'other',
] as const;
export const errorClassSchema = z.enum(errorClasses);
export type ErrorClass = z.infer<typeof errorClassSchema>;

export const errorEntrySchema = z.object({
  /** `post:<targetId>` or `job:<jobId>`. */
  id: z.string(),
  source: z.enum(['post', 'job']),
  at: z.number().int(),
  platform: platformIdSchema.nullable(),
  accountId: z.string().nullable(),
  accountHandle: z.string().nullable(),
  errorClass: errorClassSchema,
  /** The job kind, for failures of jobs. */
  jobKind: z.string().nullable(),
  /** What failed: the post's video title, the config of a render. */
  subject: z.string(),
  message: z.string(),
  suggestedAction: z.string().nullable(),
  /** Where the failed item is shown. */
  target: navigationTargetSchema.nullable(),
});
export type ErrorEntry = z.infer<typeof errorEntrySchema>;

export const errorListInputSchema = z
  .object({
    platform: platformIdSchema.optional(),
    accountId: z.string().min(1).max(200).optional(),
    errorClass: errorClassSchema.optional(),
    /** Failures at or after this time. */
    from: z.number().int().nonnegative().optional(),
    /** Failures before this time. */
    to: z.number().int().nonnegative().optional(),
    limit: z.number().int().min(1).max(200).default(50),
    /** The `nextCursor` of the page before. */
    after: pageCursorSchema.optional(),
  })
  .strict()
  .refine((input) => input.from === undefined || input.to === undefined || input.from < input.to, {
    message: 'The period must end after it starts.',
    path: ['to'],
  });
export type ErrorListInput = z.input<typeof errorListInputSchema>;

export const errorPageSchema = z.object({
  entries: z.array(errorEntrySchema),
  nextCursor: z.string().nullable(),
});
export type ErrorPage = z.infer<typeof errorPageSchema>;

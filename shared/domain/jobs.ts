import { z } from 'zod';

export const jobStates = ['queued', 'running', 'succeeded', 'dead', 'cancelled'] as const;
export type JobState = (typeof jobStates)[number];

export const jobSummarySchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(jobStates),
  priority: z.number().int(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** 0 to 1, null before the job reports any. */
  progress: z.number().min(0).max(1).nullable(),
  progressMessage: z.string().nullable(),
  lastError: z.string().nullable(),
  notBefore: z.number(),
  cancelRequested: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const jobListInputSchema = z
  .object({
    kind: z.string().min(1).optional(),
    states: z.array(z.enum(jobStates)).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type JobListInput = z.infer<typeof jobListInputSchema>;

export const jobIdInputSchema = z.object({ id: z.string().min(1) }).strict();

export const jobProgressEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(jobStates),
  progress: z.number().min(0).max(1).nullable(),
  message: z.string().nullable(),
});
export type JobProgressEvent = z.infer<typeof jobProgressEventSchema>;

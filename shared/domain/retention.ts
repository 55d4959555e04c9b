import { z } from 'zod';

/**
 * How long ReelPilot keeps what grows without end: metrics read every few minutes for every
 * post, the record of every run, the accounts' post and error history, and rendered videos. A
 * daily clean-up applies it (Settings → Data kept).
 */
const days = (what: string, min: number, max: number) =>
  z
    .number({ error: `Enter how many days to keep ${what}.` })
    .int('Enter a whole number of days.')
    .min(min, `Keep ${what} at least ${min} days.`)
    .max(max, `Keep ${what} at most ${max} days.`);

export const retentionPolicyObject = z.object({
  /** Metrics history older than this is deleted. Default 2 years. */
  metricsKeepDays: days('metrics history', 30, 3650),
  /** Metrics older than this keep one reading a day (the last of the day, UTC). Default 90. */
  metricsDailyAfterDays: days('every metrics reading', 7, 3650),
  /** Finished runs, and the accounts' post and error history, older than this are deleted. */
  runHistoryKeepDays: days('run history', 35, 3650),
  /**
   * Rendered videos whose every post succeeded are deleted from the data folder this long after
   * the last one was published; null keeps them. A video a post still waits for is never
   * deleted, nor a file outside the data folder's media folder.
   */
  renderedFilesDeleteAfterDays: days('rendered videos', 1, 3650).nullable(),
});

function dailyWithinKept(policy: z.infer<typeof retentionPolicyObject>, ctx: z.RefinementCtx) {
  if (policy.metricsDailyAfterDays > policy.metricsKeepDays) {
    ctx.addIssue({
      code: 'custom',
      path: ['metricsDailyAfterDays'],
      message: 'Thin metrics to one a day before they are deleted: use at most the days kept.',
    });
  }
}

export const retentionPolicySchema = retentionPolicyObject.superRefine(dailyWithinKept);
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

export const retentionPolicyPatchSchema = retentionPolicyObject.partial().strict();
export type RetentionPolicyPatch = z.infer<typeof retentionPolicyPatchSchema>;

export const defaultRetentionPolicy: RetentionPolicy = {
  metricsKeepDays: 730,
  metricsDailyAfterDays: 90,
  runHistoryKeepDays: 365,
  renderedFilesDeleteAfterDays: null,
};

/** What one clean-up did. */
export const retentionRunSchema = z.object({
  at: z.number().int(),
  durationMs: z.number().int().nonnegative(),
  metricsThinned: z.number().int().nonnegative(),
  metricsDeleted: z.number().int().nonnegative(),
  runsDeleted: z.number().int().nonnegative(),
  accountRecordsDeleted: z.number().int().nonnegative(),
  filesDeleted: z.number().int().nonnegative(),
  bytesFreed: z.number().nonnegative(),
});
export type RetentionRun = z.infer<typeof retentionRunSchema>;

export const retentionStatusSchema = z.object({
  policy: retentionPolicySchema,
  storage: z.object({
    /** Where the data lives. */
    dataDir: z.string(),
    /** The database with its write-ahead log, in bytes. */
    databaseBytes: z.number().nonnegative(),
    /** Free bytes on the disk holding the data; null when it could not be read. */
    freeBytes: z.number().nonnegative().nullable(),
  }),
  lastRun: retentionRunSchema.nullable(),
  /** A clean-up is queued or running. */
  pending: z.boolean(),
});
export type RetentionStatus = z.infer<typeof retentionStatusSchema>;

import { z } from 'zod';
import { accountStatusSchema, postDecisionSchema } from './accounts';
import { appModes } from './app-info';
import { platformIdSchema } from './platforms';

/** A platform's quota or cap, the X budget, or the person's own limit, and how much is used. */
export const quotaUsageSchema = z.object({
  /** Stable name of the limit: `youtube-daily-units`, `instagram-posts-24h`, `own-posts-day`… */
  id: z.string(),
  /** What it is, in words: "YouTube daily quota". */
  label: z.string(),
  used: z.number().nonnegative(),
  limit: z.number().positive(),
  unit: z.enum(['posts', 'units', 'usd', 'accounts']),
  /** When room comes back (the reset, or the oldest post leaving a rolling window); null: now. */
  resetsAt: z.number().int().nullable(),
  /**
   * `quota`: a platform's quota or cap, or the X budget (near its end, an alert opens);
   * `pacing`: a limit the person set on the account.
   */
  kind: z.enum(['quota', 'pacing']),
  /** Shared by every account of the platform in this app (YouTube's project quota, X's budget). */
  shared: z.boolean(),
});
export type QuotaUsage = z.infer<typeof quotaUsageSchema>;

/** A quota used this much (or more) is near its limit. */
export const QUOTA_NEAR_SHARE = 0.8;

export const tokenStates = ['valid', 'expiring', 'expired', 'unknown'] as const;
export const tokenStateSchema = z.enum(tokenStates);
export type TokenState = z.infer<typeof tokenStateSchema>;

export const healthLevels = ['ok', 'warning', 'blocked'] as const;
export const healthLevelSchema = z.enum(healthLevels);
export type HealthLevel = z.infer<typeof healthLevelSchema>;

export const accountHealthSchema = z.object({
  accountId: z.string(),
  platform: platformIdSchema,
  handle: z.string(),
  displayName: z.string(),
  status: accountStatusSchema,
  statusReason: z.string().nullable(),
  token: z.object({
    /** Whether ReelPilot can keep the sign-in alive without the person. */
    state: tokenStateSchema,
    accessExpiresAt: z.number().int().nullable(),
    /** When the sign-in ends for good and the account must be reconnected; null: not known. */
    refreshExpiresAt: z.number().int().nullable(),
  }),
  consecutiveErrors: z.number().int().nonnegative(),
  /** The last post that went out. */
  lastSuccessAt: z.number().int().nullable(),
  lastErrorAt: z.number().int().nullable(),
  /** Posts to this account that failed for good in the last 24 hours. */
  failedLast24h: z.number().int().nonnegative(),
  /** Whether it may post now (pacing, caps, quotas, status), and if not, from when and why. */
  postNow: postDecisionSchema,
  /** The earliest time a post could go out: now when allowed, null when the person must act. */
  nextFreeSlotAt: z.number().int().nullable(),
  quotas: z.array(quotaUsageSchema),
  level: healthLevelSchema,
  /** What to do, in words; null when all is well. */
  action: z.string().nullable(),
});
export type AccountHealth = z.infer<typeof accountHealthSchema>;

export const schedulerStates = ['running', 'paused', 'stopped'] as const;

export const queueKindSchema = z.object({
  kind: z.string(),
  /** Due now and not yet taken. */
  waiting: z.number().int().nonnegative(),
  /** Queued for later (a retry, a metrics reading, a pacing wait). */
  scheduled: z.number().int().nonnegative(),
  running: z.number().int().nonnegative(),
  /** Jobs that gave up (kept for 30 days). */
  dead: z.number().int().nonnegative(),
  /** Since when the oldest waiting job has been due; null when none waits. */
  oldestWaitingSince: z.number().int().nullable(),
  /** Held by Pause all or the machine's sleep. */
  held: z.boolean(),
  /** Waiting far past its time while nothing of its kind runs. */
  overdue: z.boolean(),
});
export type QueueKind = z.infer<typeof queueKindSchema>;

export const runningJobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  attempts: z.number().int(),
  progress: z.number().min(0).max(1).nullable(),
  message: z.string().nullable(),
  /** When its worker last renewed the lease. */
  updatedAt: z.number().int(),
  leaseExpiresAt: z.number().int().nullable(),
});
export type RunningJob = z.infer<typeof runningJobSchema>;

export const systemHealthSchema = z.object({
  at: z.number().int(),
  scheduler: z.object({
    state: z.enum(schedulerStates),
    /** The last time it looked for due runs. */
    lastTickAt: z.number().int().nullable(),
    /** When it looks next (at the latest). */
    nextCheckAt: z.number().int().nullable(),
    nextRun: z
      .object({ configId: z.string(), configName: z.string(), at: z.number().int() })
      .nullable(),
    /** No look for due runs in 5 minutes while running. */
    stalled: z.boolean(),
  }),
  queue: z.object({
    kinds: z.array(queueKindSchema),
    running: z.array(runningJobSchema),
  }),
  ffmpeg: z.object({
    found: z.boolean(),
    version: z.string().nullable(),
    path: z.string().nullable(),
    message: z.string(),
  }),
  disk: z.object({
    dataDir: z.string(),
    /** Null when it could not be read (then `error` says why). */
    freeBytes: z.number().nonnegative().nullable(),
    /** Below this, the low-disk alert opens (Settings → Notifications). */
    lowBytes: z.number().nonnegative(),
    error: z.string().nullable(),
  }),
  database: z.object({
    path: z.string(),
    /** The database file with its write-ahead log. */
    sizeBytes: z.number().int().nonnegative(),
  }),
  backup: z.object({
    /** Whether this build can make backups at all. */
    available: z.boolean(),
    lastBackupAt: z.number().int().nullable(),
  }),
  app: z.object({
    version: z.string(),
    mode: z.enum(appModes),
    startedAt: z.number().int(),
    uptimeMs: z.number().int().nonnegative(),
  }),
});
export type SystemHealth = z.infer<typeof systemHealthSchema>;

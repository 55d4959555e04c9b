import { z } from 'zod';
import { navigationTargetSchema } from './screens';

/**
 * What the engine notifies about on its own: the kinds of alert (electron/core/alerts). Each can
 * be switched off in Settings; each alert notifies once when it opens, never per occurrence (a
 * post that failed for good, not each of its retries).
 */
export const notificationKinds = [
  'postFailed',
  'accountReconnect',
  'runFailed',
  'lowDisk',
  'quotaNear',
  'stuck',
] as const;
export const notificationKindSchema = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const notificationKindLabels: Record<NotificationKind, string> = {
  postFailed: 'A post failed and will not be retried by itself',
  accountReconnect: 'An account needs you: it must be reconnected, or was deactivated after errors',
  runFailed: 'A config run failed',
  lowDisk: 'The disk holding the data folder is nearly full',
  quotaNear: 'A platform’s quota or your X budget is nearly used up',
  stuck: 'Something is stuck: the scheduler stopped, or a job or a post is far past its time',
};

/**
 * One open alert per cause: the keys of the causes the engine raises alerts for. Keys ending in
 * `:` take the id of what the cause is about.
 */
export const causeKeys = {
  accountNeedsReconnect: (accountId: string) => `account-needs-reconnect:${accountId}`,
  accountDeactivated: (accountId: string) => `account-deactivated:${accountId}`,
  accountFailures: (accountId: string) => `account-failures:${accountId}`,
  runFailed: (configId: string) => `run-failed:${configId}`,
  diskLow: 'disk-low',
  /** Raised by the database layer when a write finds the disk full (SQLITE_FULL, ENOSPC). */
  diskFull: 'disk-full',
  quotaNear: (accountId: string) => `quota-near:${accountId}`,
  schedulerStalled: 'scheduler-stalled',
  jobOverdue: (kind: string) => `job-overdue:${kind}`,
  postStuck: (targetId: string) => `post-stuck:${targetId}`,
};

/**
 * A notice for the person: shown as an OS notification by the desktop app when its window is
 * not focused, and in the app otherwise (always in the app in headless mode).
 */
export const noticeSchema = z.object({
  /** Severity. */
  level: z.enum(['info', 'warning', 'error']),
  title: z.string(),
  body: z.string(),
  /** A notification kind above, or another source's kind (statistics alerts). */
  kind: z.string().optional(),
  /** One notice per cause: a key such as `post-failed:<targetId>`. */
  causeKey: z.string().optional(),
  /** Where clicking the notice leads. */
  target: navigationTargetSchema.optional(),
  /** The alert that raised it, when an alert rule did. */
  alertId: z.string().optional(),
});
export type Notice = z.infer<typeof noticeSchema>;

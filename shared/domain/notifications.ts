import { z } from 'zod';
import { navigationTargetSchema } from './screens';

/**
 * What the engine notifies about on its own. Each can be switched off in Settings; each is
 * notified once per cause (a post that failed for good, not each of its retries).
 */
export const notificationKinds = [
  'postFailed',
  'accountReconnect',
  'runFailed',
  'lowDisk',
] as const;
export const notificationKindSchema = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const notificationKindLabels: Record<NotificationKind, string> = {
  postFailed: 'A post failed and will not be retried by itself',
  accountReconnect: 'An account needs you: it must be reconnected, or was deactivated after errors',
  runFailed: 'A config run failed',
  lowDisk: 'The disk holding the data folder is nearly full',
};

/** One notification per cause: the keys of the causes the engine notifies about. */
export const causeKeys = {
  postFailed: (targetId: string) => `post-failed:${targetId}`,
  accountReconnect: (accountId: string) => `account-reconnect:${accountId}`,
  accountDisabled: (accountId: string) => `account-disabled:${accountId}`,
  runFailed: (runId: string) => `run-failed:${runId}`,
  lowDisk: 'low-disk',
  /**
   * Writes failed for lack of space (kind `diskFull`, not switchable: work is on hold). Kept
   * until free space returns; the statistics alerts may take this source over by this key.
   */
  diskFull: 'disk-full',
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

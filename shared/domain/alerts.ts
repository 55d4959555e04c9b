import { z } from 'zod';
import { navigationTargetSchema } from './screens';

/**
 * An alert's life: `open` (counted in the navigation badge), `acknowledged` (seen: still open but
 * quiet), `resolved` (its cause went away, or the person resolved it).
 */
export const alertStates = ['open', 'acknowledged', 'resolved'] as const;
export const alertStateSchema = z.enum(alertStates);
export type AlertState = z.infer<typeof alertStateSchema>;

export const alertSeverities = ['info', 'warning', 'error'] as const;
export const alertSeveritySchema = z.enum(alertSeverities);
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;

/** Who resolved an alert: its rule (the cause went away), the person, or the source that raised it. */
export const alertResolvers = ['rule', 'person', 'source'] as const;
export type AlertResolver = (typeof alertResolvers)[number];

export const alertSchema = z.object({
  id: z.string(),
  /** One open alert per cause, e.g. `account-failures:<accountId>`, `disk-low`. */
  causeKey: z.string(),
  /** The kind of notification it gives (Settings → Notifications), or another source's kind. */
  kind: z.string(),
  severity: alertSeveritySchema,
  state: alertStateSchema,
  title: z.string(),
  /** What happened, in words. */
  body: z.string(),
  /** What to do about it, in words; null when there is nothing to do but wait. */
  action: z.string().nullable(),
  /** Where the item it is about is shown. */
  target: navigationTargetSchema.nullable(),
  /** How many times it happened while the alert was open (posts failed in a row, jobs overdue). */
  count: z.number().int().positive(),
  firstSeenAt: z.number().int(),
  lastSeenAt: z.number().int(),
  acknowledgedAt: z.number().int().nullable(),
  resolvedAt: z.number().int().nullable(),
  resolvedBy: z.enum(alertResolvers).nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertCountsSchema = z.object({
  /** Open and not acknowledged: the navigation badge. */
  open: z.number().int().nonnegative(),
  acknowledged: z.number().int().nonnegative(),
  /** Open (not acknowledged) alerts of severity `error`: the badge turns red. */
  errors: z.number().int().nonnegative(),
});
export type AlertCounts = z.infer<typeof alertCountsSchema>;

/** Where a page of a list continues: the time and id of the last item shown. */
export const pageCursorSchema = z
  .string()
  .regex(/^\d+:.+$/, 'The page cursor is not one this list gave out: load the list again.');

export const alertListInputSchema = z
  .object({
    state: alertStateSchema.default('open'),
    limit: z.number().int().min(1).max(200).default(50),
    /** The `nextCursor` of the page before. */
    after: pageCursorSchema.optional(),
  })
  .strict();
export type AlertListInput = z.input<typeof alertListInputSchema>;

export const alertPageSchema = z.object({
  alerts: z.array(alertSchema),
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type AlertPage = z.infer<typeof alertPageSchema>;

export const alertIdInputSchema = z
  .object({ id: z.string().min(1, 'Say which alert.').max(200) })
  .strict();

/** Pushed whenever an alert opens, changes or is resolved, with the counts after the change. */
export const alertChangedSchema = z.object({ alert: alertSchema, counts: alertCountsSchema });
export type AlertChanged = z.infer<typeof alertChangedSchema>;

/**
 * Item ids of the Statistics screen that a notification or an alert may lead to (the screen
 * opens the tab holding them).
 */
export const statisticsItems = {
  systemHealth: 'system-health',
  accountHealth: (accountId: string) => `account-health:${accountId}`,
  alert: (alertId: string) => `alert:${alertId}`,
  errors: 'errors',
};

import {
  alertCountsSchema,
  alertIdInputSchema,
  alertListInputSchema,
  alertPageSchema,
  alertSchema,
} from '../domain/alerts';
import { errorListInputSchema, errorPageSchema } from '../domain/error-log';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

/** The alerts inbox and the errors log (electron/core/alerts). */
export const alertsChannels = defineChannels({
  /** Alerts in one state, the most recent first, a page at a time. */
  'alerts:list': { input: alertListInputSchema, output: alertPageSchema },
  /** Open alerts (the navigation badge), acknowledged ones, and open errors. */
  'alerts:counts': { input: emptyInput, output: alertCountsSchema },
  /** Seen: the alert stays open but leaves the badge and notifies no more. */
  'alerts:acknowledge': { input: alertIdInputSchema, output: alertSchema },
  /**
   * Dealt with: the alert is resolved. It opens again (as a new alert) only when its cause
   * happens again, or goes away and comes back.
   */
  'alerts:resolve': { input: alertIdInputSchema, output: alertSchema },
  /** Failed posts and jobs, the most recent first, filtered and a page at a time. */
  'statistics:errors': { input: errorListInputSchema, output: errorPageSchema },
});

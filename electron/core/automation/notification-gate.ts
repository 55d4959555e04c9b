import type { NotificationPreferences } from '../../../shared/domain/automation';
import { notificationKindSchema } from '../../../shared/domain/notifications';
import type { Logger, Notification, Notifier } from '../ports';

/** Causes remembered at most; the oldest are forgotten first (finished runs never come back). */
const MAX_CAUSES = 2000;

/**
 * Stands in front of the shell's notifier for every source in the engine (accounts, the
 * automation policy, later the statistics alerts): a notification with a cause key is given
 * once while its cause lasts, and a kind the person switched off in Settings is not given.
 * Sources call `resolve` when a cause goes away, so that it may notify again later.
 */
export class NotificationGate implements Notifier {
  private readonly causes = new Set<string>();
  private preferences: () => NotificationPreferences | null = () => null;

  constructor(
    private readonly inner: Notifier,
    private readonly logger: Logger,
  ) {}

  usePreferences(preferences: () => NotificationPreferences): void {
    this.preferences = preferences;
  }

  notify(notification: Notification): void {
    const { causeKey, kind } = notification;
    if (causeKey !== undefined) {
      if (this.causes.has(causeKey)) return;
      this.causes.add(causeKey);
      if (this.causes.size > MAX_CAUSES) {
        const oldest = this.causes.values().next().value;
        if (oldest !== undefined) this.causes.delete(oldest);
      }
    }
    const known = notificationKindSchema.safeParse(kind);
    if (known.success && this.preferences()?.[known.data] === false) {
      this.logger.info('notification switched off', { kind, causeKey });
      return;
    }
    this.logger.info('notify', { kind, causeKey, title: notification.title });
    this.inner.notify(notification);
  }

  /** The cause went away (the post was retried, the account reconnected). */
  resolve(causeKey: string): void {
    this.causes.delete(causeKey);
  }

  isActive(causeKey: string): boolean {
    return this.causes.has(causeKey);
  }
}

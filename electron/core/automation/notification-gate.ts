import type { NotificationPreferences } from '../../../shared/domain/automation';
import { notificationKindSchema } from '../../../shared/domain/notifications';
import type { Logger, Notification, Notifier } from '../ports';

/** Causes remembered at most; the oldest are forgotten first (finished runs never come back). */
const MAX_CAUSES = 2000;

/** A notification that names its cause. */
export type CausedNotification = Notification & { causeKey: string };

/**
 * Where notifications with a cause go once the alerts keep them (electron/core/alerts): each
 * becomes an alert, or counts on the open one, and only a new alert is delivered.
 */
export interface NotificationSink {
  raise(notification: CausedNotification): void;
  /** The source says the cause went away. */
  clear(causeKey: string): void;
}

/**
 * Stands in front of the shell's notifier for every source in the engine. Once the alerts are
 * attached (`keepAsAlerts`), a notification with a cause key becomes an alert and the alerts
 * deliver it (`deliver`) when it opens: once per alert, never per occurrence. Before that, and
 * for notifications without a cause, it is given once while its cause lasts. Either way a kind
 * the person switched off in Settings is not given.
 */
export class NotificationGate implements Notifier {
  private readonly causes = new Set<string>();
  private preferences: () => NotificationPreferences | null = () => null;
  private sink: NotificationSink | null = null;

  constructor(
    private readonly inner: Notifier,
    private readonly logger: Logger,
  ) {}

  usePreferences(preferences: () => NotificationPreferences): void {
    this.preferences = preferences;
  }

  /** From now on, notifications with a cause become alerts (the alerts module attaches itself). */
  keepAsAlerts(sink: NotificationSink): void {
    this.sink = sink;
  }

  notify(notification: Notification): void {
    const { causeKey } = notification;
    if (causeKey !== undefined) {
      if (this.sink) {
        this.sink.raise({ ...notification, causeKey });
        return;
      }
      if (this.causes.has(causeKey)) return;
      this.causes.add(causeKey);
      if (this.causes.size > MAX_CAUSES) {
        const oldest = this.causes.values().next().value;
        if (oldest !== undefined) this.causes.delete(oldest);
      }
    }
    this.deliver(notification);
  }

  /** The cause went away (the post was retried, the account reconnected). */
  resolve(causeKey: string): void {
    if (this.sink) this.sink.clear(causeKey);
    else this.causes.delete(causeKey);
  }

  /** Hands a notification to the shell unless its kind is switched off: the alerts' way out. */
  deliver(notification: Notification): void {
    const { causeKey, kind } = notification;
    const known = notificationKindSchema.safeParse(kind);
    if (known.success && this.preferences()?.[known.data] === false) {
      this.logger.info('notification switched off', { kind, causeKey });
      return;
    }
    this.logger.info('notify', { kind, causeKey, title: notification.title });
    this.inner.notify(notification);
  }
}

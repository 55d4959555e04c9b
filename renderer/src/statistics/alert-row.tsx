import type { Alert } from '../../../shared/domain/alerts';
import { Badge } from '../components/badge';
import { cx } from '../components/class-names';
import { formatAgo, formatDateTime, plural } from '../format';
import { useAlerts } from '../stores/alerts-store';
import { useNavigation } from '../stores/navigation-store';
import styles from './alerts.module.css';
import { openLabels, severityLooks } from './labels';

/** One alert: what happened, what to do, how often and since when, and what can be done here. */
export function AlertRow({ alert, now }: { alert: Alert; now: number }) {
  const { acknowledge, resolve } = useAlerts((state) => state.actions);
  const acting = useAlerts((state) => state.acting.has(alert.id));
  const { show } = useNavigation((state) => state.actions);
  const look = severityLooks[alert.severity];
  const headingId = `alert-${alert.id}`;
  return (
    <li
      className={cx('card', styles.alert, styles[alert.severity])}
      data-item-id={`alert:${alert.id}`}
      aria-labelledby={headingId}
    >
      <div>
        <div className={styles.head}>
          <Badge tone={look.tone}>{look.label}</Badge>
          <h3 id={headingId}>{alert.title}</h3>
          {alert.count > 1 && (
            <Badge tone="neutral" title={`Happened ${plural(alert.count, 'time')}`}>
              ×{alert.count}
            </Badge>
          )}
          {alert.state === 'acknowledged' && <Badge tone="muted">Acknowledged</Badge>}
        </div>
        <p className={styles.body}>{alert.body}</p>
        {alert.action && (
          <p className={styles.action}>
            <strong>What to do:</strong> {alert.action}
          </p>
        )}
        <div className={cx('muted small', styles.meta)}>
          <span title={formatDateTime(alert.firstSeenAt)}>
            First seen {formatAgo(alert.firstSeenAt, now)}
          </span>
          {alert.lastSeenAt !== alert.firstSeenAt && (
            <span title={formatDateTime(alert.lastSeenAt)}>
              last {formatAgo(alert.lastSeenAt, now)}
            </span>
          )}
          {alert.resolvedAt !== null && (
            <span title={formatDateTime(alert.resolvedAt)}>
              {alert.resolvedBy === 'person' ? 'Resolved by you' : 'Resolved by itself'}{' '}
              {formatAgo(alert.resolvedAt, now)}
            </span>
          )}
        </div>
      </div>
      <div className={styles.buttons}>
        {alert.target && (
          <button
            type="button"
            className="secondary small"
            onClick={() => alert.target && show(alert.target)}
          >
            {openLabels[alert.target.screen]}
          </button>
        )}
        {alert.state === 'open' && (
          <button
            type="button"
            className="secondary small"
            disabled={acting}
            onClick={() => void acknowledge(alert.id)}
            aria-describedby={headingId}
          >
            Acknowledge
          </button>
        )}
        {alert.state !== 'resolved' && (
          <button
            type="button"
            className="small"
            disabled={acting}
            onClick={() => void resolve(alert.id)}
            aria-describedby={headingId}
          >
            Resolve
          </button>
        )}
      </div>
    </li>
  );
}

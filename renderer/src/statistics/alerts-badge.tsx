import { useEffect } from 'react';
import { cx } from '../components/class-names';
import { plural } from '../format';
import { useAlerts } from '../stores/alerts-store';
import styles from './alerts.module.css';

/**
 * The count of open alerts not yet acknowledged, beside Statistics in the navigation: red when
 * one of them is an error. Follows `alerts:changed`, so it is live on every screen.
 */
export function AlertsBadge() {
  const counts = useAlerts((state) => state.counts);
  const { loadCounts, subscribe } = useAlerts((state) => state.actions);
  useEffect(() => {
    void loadCounts();
    return subscribe();
  }, [loadCounts, subscribe]);
  if (!counts || counts.open === 0) return null;
  return (
    <span
      className={cx(styles.badge, counts.errors > 0 && styles.badgeError)}
      data-testid="alerts-badge"
    >
      <span aria-hidden="true">{counts.open > 99 ? '99+' : counts.open}</span>
      <span className="visually-hidden">{plural(counts.open, 'open alert')}</span>
    </span>
  );
}

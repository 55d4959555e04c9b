import { alertStates, type AlertState } from '../../../shared/domain/alerts';
import { LoadFailure, Loading } from '../components/load-state';
import { useNow } from '../components/use-now';
import { useAlerts } from '../stores/alerts-store';
import { useDomain } from '../stores/domain-store';
import { AlertRow } from './alert-row';
import styles from './alerts.module.css';
import { alertViews } from './labels';

const empty: Record<AlertState, { title: string; text: string }> = {
  open: {
    title: 'No open alerts',
    text: 'Everything is running as it should. When a post fails for good, an account needs you, a run fails, the disk fills up or something gets stuck, it shows here.',
  },
  acknowledged: {
    title: 'Nothing acknowledged',
    text: 'Acknowledge an open alert to take it out of the count while you deal with it; it resolves by itself when its cause goes away.',
  },
  resolved: {
    title: 'Nothing resolved lately',
    text: 'Alerts resolved in the last 90 days are kept here.',
  },
};

/** The alerts inbox: open, acknowledged and resolved alerts, live. */
export function AlertsTab() {
  const items = useAlerts((state) => state.items);
  const view = useAlerts((state) => state.view);
  const counts = useAlerts((state) => state.counts);
  const error = useAlerts((state) => state.error);
  const nextCursor = useAlerts((state) => state.nextCursor);
  const loadingMore = useAlerts((state) => state.loadingMore);
  const { load, show, loadMore } = useAlerts((state) => state.actions);
  // Reloaded every minute, in case a push was missed; the ages ("5 min ago") move on their own.
  useDomain(useAlerts, 60_000);
  const now = useNow(30_000);
  const countOf = (state: AlertState) =>
    state === 'open' ? counts?.open : state === 'acknowledged' ? counts?.acknowledged : undefined;

  return (
    <section aria-label="Alerts">
      <div className={styles.views} role="group" aria-label="Which alerts">
        {alertStates.map((state) => {
          const count = countOf(state);
          return (
            <button
              key={state}
              type="button"
              className={`small ${styles.view}`}
              aria-pressed={state === view}
              onClick={() => show(state)}
            >
              {alertViews[state]}
              {count !== undefined && ` (${count})`}
            </button>
          );
        })}
      </div>
      {error ? (
        <LoadFailure what="Alerts" error={error} onRetry={() => void load()} />
      ) : items === null ? (
        <Loading>Loading alerts…</Loading>
      ) : items.length === 0 ? (
        <div className="card empty-state">
          <h2>{empty[view].title}</h2>
          <p className="muted">{empty[view].text}</p>
        </div>
      ) : (
        <>
          <ul className={styles.list} aria-label={`${alertViews[view]} alerts`}>
            {items.map((alert) => (
              <AlertRow key={alert.id} alert={alert} now={now} />
            ))}
          </ul>
          {nextCursor && (
            <button
              type="button"
              className={`secondary ${styles.more}`}
              disabled={loadingMore}
              onClick={() => void loadMore()}
            >
              {loadingMore ? 'Loading…' : 'Show older alerts'}
            </button>
          )}
        </>
      )}
    </section>
  );
}

import { statisticsItems } from '../../../shared/domain/alerts';
import type { ErrorEntry } from '../../../shared/domain/error-log';
import { platformNames } from '../../../shared/domain/platforms';
import { Badge } from '../components/badge';
import { LoadFailure, Loading } from '../components/load-state';
import { formatDateTime } from '../format';
import { useDomain } from '../stores/domain-store';
import { noErrorFilters, useErrors } from '../stores/errors-store';
import { useNavigation } from '../stores/navigation-store';
import { ErrorFilters } from './error-filters';
import styles from './errors.module.css';
import { errorClassLabels, jobKindLabels, openLabels } from './labels';

function Where({ entry }: { entry: ErrorEntry }) {
  if (entry.platform) {
    return (
      <>
        {platformNames[entry.platform]}
        {entry.accountHandle && <div className="muted small">{entry.accountHandle}</div>}
      </>
    );
  }
  return <span className="muted">{jobKindLabels[entry.jobKind ?? ''] ?? entry.jobKind}</span>;
}

function EntryRow({ entry }: { entry: ErrorEntry }) {
  const { show } = useNavigation((state) => state.actions);
  return (
    <tr data-testid="error-entry">
      <td className={styles.time}>{formatDateTime(entry.at)}</td>
      <td>
        <Where entry={entry} />
      </td>
      <td>
        <Badge tone={entry.errorClass === 'rate' ? 'warning' : 'danger'}>
          {errorClassLabels[entry.errorClass]}
        </Badge>
      </td>
      <td>{entry.subject}</td>
      <td>
        <p className={styles.message}>{entry.message}</p>
        {entry.suggestedAction && (
          <p className={`small ${styles.action}`}>
            <strong>What to do:</strong> {entry.suggestedAction}
          </p>
        )}
      </td>
      <td>
        {entry.target && (
          <button type="button" className="link" onClick={() => entry.target && show(entry.target)}>
            {openLabels[entry.target.screen]}
          </button>
        )}
      </td>
    </tr>
  );
}

/** The errors log: failed posts and jobs, newest first, filtered, a page at a time. */
export function ErrorsTab() {
  const items = useErrors((state) => state.items);
  const error = useErrors((state) => state.error);
  const filters = useErrors((state) => state.filters);
  const nextCursor = useErrors((state) => state.nextCursor);
  const loadingMore = useErrors((state) => state.loadingMore);
  const { load, loadMore, setFilters } = useErrors((state) => state.actions);
  const filtered = JSON.stringify(filters) !== JSON.stringify(noErrorFilters);
  useDomain(useErrors);

  return (
    <section aria-label="Errors" data-item-id={statisticsItems.errors}>
      <ErrorFilters />
      {error ? (
        <LoadFailure what="Errors" error={error} onRetry={() => void load()} />
      ) : items === null ? (
        <Loading>Loading errors…</Loading>
      ) : items.length === 0 ? (
        <div className="card empty-state">
          <h2>{filtered ? 'No failures match these filters' : 'No failures'}</h2>
          <p className="muted">
            {filtered
              ? 'Change or clear the filters to see more.'
              : 'Every post and job went through. A post that fails for good, or a render or job that gives up, shows here with what to do.'}
          </p>
          {filtered && (
            <button type="button" className="secondary" onClick={() => setFilters(noErrorFilters)}>
              Clear the filters
            </button>
          )}
        </div>
      ) : (
        <div className="card">
          <table className={styles.table} aria-label="Failures">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Where</th>
                <th scope="col">Class</th>
                <th scope="col">What failed</th>
                <th scope="col">Message</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <EntryRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
          {nextCursor && (
            <button
              type="button"
              className={`secondary ${styles.more}`}
              disabled={loadingMore}
              onClick={() => void loadMore()}
            >
              {loadingMore ? 'Loading…' : 'Show older failures'}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

import type { RebuildStatus } from '../../../shared/domain/statistics';
import { formatDateTime } from '../format';
import { useStatistics } from '../stores/statistics-store';
import styles from './overview.module.css';

/** Says while the rollups are rebuilt (the figures may be incomplete) or why a rebuild failed. */
export function RebuildNotice({ status }: { status: RebuildStatus }) {
  const { rebuild } = useStatistics((state) => state.actions);
  if (status.state === 'failed') {
    return (
      <div className="warning-box" role="alert">
        <p>{status.error ?? 'Statistics could not be rebuilt.'}</p>
        <button type="button" className="secondary small" onClick={() => void rebuild()}>
          Rebuild again
        </button>
      </div>
    );
  }
  if (status.state === 'ready') return null;
  const percent = status.total > 0 ? Math.floor((status.done / status.total) * 100) : 0;
  return (
    <div className={styles.rebuilding} role="status">
      <span>
        {status.state === 'queued'
          ? 'Statistics will be rebuilt from the history in a moment.'
          : `Rebuilding statistics from the history: ${percent} %.`}{' '}
        Figures may be incomplete until it finishes.
      </span>
      {status.state === 'running' && (
        <progress max={100} value={percent} aria-label="Rebuilding statistics" />
      )}
    </div>
  );
}

/** Where the figures come from, and the way to build them again. */
export function RollupFooter({ status }: { status: RebuildStatus }) {
  const { rebuild } = useStatistics((state) => state.actions);
  const busy = status.state === 'queued' || status.state === 'running';
  return (
    <footer className={`muted small ${styles.footer}`}>
      <span>
        Figures are kept current as videos render and posts go live, by day and hour in{' '}
        {status.timeZone ?? 'the Settings time zone'}
        {status.builtAt ? `; last rebuilt from the history ${formatDateTime(status.builtAt)}` : ''}.
      </span>
      <button
        type="button"
        className="ghost small"
        disabled={busy}
        onClick={() => void rebuild()}
        title="Works every figure out again from the posts, renders and metrics kept in ReelPilot."
      >
        Rebuild statistics
      </button>
    </footer>
  );
}

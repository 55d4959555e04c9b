import { useEffect } from 'react';
import { Spinner } from '../components/spinner';
import { useMedia } from '../stores/media-store';
import styles from './import-progress-banner.module.css';

/**
 * Shows any import in progress, wherever it was started (another window, a watched folder, a
 * large folder dropped earlier), so a long import is never invisible.
 */
export function ImportProgressBanner() {
  const progress = useMedia((state) => state.importProgress);
  const { subscribe } = useMedia((state) => state.actions);
  useEffect(() => subscribe(), [subscribe]);
  if (!progress || progress.phase === 'done') return null;
  return (
    <div className={`card ${styles.banner}`} role="status" aria-label="Import in progress">
      <Spinner />
      {progress.phase === 'scanning' ? (
        <span>Looking through folders for media…</span>
      ) : (
        <>
          <span>
            Adding media: {progress.done} of {progress.total}
            {progress.failed > 0 ? ` (${progress.failed} not added so far)` : ''}
          </span>
          <progress value={progress.done} max={Math.max(1, progress.total)} />
        </>
      )}
    </div>
  );
}

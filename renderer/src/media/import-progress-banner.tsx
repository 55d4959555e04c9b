import { useEffect, useState } from 'react';
import type { ImportProgress } from '../../../shared/domain/media';
import { api } from '../api/api-client';

/**
 * Shows any import in progress, wherever it was started (another window, a watched folder, a
 * large folder dropped earlier), so a long import is never invisible.
 */
export function ImportProgressBanner() {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(
    () =>
      api.on('media:importProgress', (event) => setProgress(event.phase === 'done' ? null : event)),
    [],
  );
  if (!progress) return null;
  return (
    <div className="card import-banner" role="status" aria-label="Import in progress">
      <span className="spinner" aria-hidden="true" />
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

import { useEffect, useState } from 'react';
import type { MetricsSummary } from '../../../shared/domain/distribution';
import { platformNames } from '../../../shared/domain/platforms';
import { call } from '../api/api-client';
import { formatCount } from './labels';

/** Posts and the latest engagement summed per platform; reloads when `version` changes. */
export function PlatformTotals({ version }: { version: string }) {
  const [summary, setSummary] = useState<MetricsSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('distribution:summary', {}).then(
      (value) => {
        if (!live) return;
        setSummary(value);
        setError(null);
      },
      (failure: unknown) =>
        live && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      live = false;
    };
  }, [version]);
  if (error) return <p className="error-text small">Totals could not be loaded: {error}</p>;
  if (!summary || summary.byPlatform.length === 0) return null;
  return (
    <ul className="platform-totals" aria-label="Totals per platform">
      {summary.byPlatform.map((row) => (
        <li key={row.platform} className="card">
          <strong>{platformNames[row.platform]}</strong>
          <span className="small">
            {row.posts} {row.posts === 1 ? 'post' : 'posts'} · {formatCount(row.views)} views ·{' '}
            {formatCount(row.likes)} likes
          </span>
        </li>
      ))}
    </ul>
  );
}

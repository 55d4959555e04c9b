import { useEffect } from 'react';
import { platformNames } from '../../../shared/domain/platforms';
import { plural } from '../format';
import { useDistribution } from '../stores/distribution-store';
import styles from './distribution.module.css';
import { metricWords } from './labels';

/** Posts and the latest engagement summed per platform; reloads when `version` changes. */
export function PlatformTotals({ version }: { version: string }) {
  const summary = useDistribution((state) => state.summary);
  const error = useDistribution((state) => state.summaryError);
  const { loadSummary } = useDistribution((state) => state.actions);
  useEffect(() => {
    void loadSummary();
  }, [version, loadSummary]);
  if (error) return <p className="error-text small">Totals could not be loaded: {error}</p>;
  if (!summary || summary.byPlatform.length === 0) return null;
  return (
    <ul className={styles.totals} aria-label="Totals per platform">
      {summary.byPlatform.map((row) => (
        <li key={row.platform} className="card">
          <strong>{platformNames[row.platform]}</strong>
          <span className="small">
            {plural(row.posts, 'post')} · {metricWords(row.views, 'view')} ·{' '}
            {metricWords(row.likes, 'like')}
          </span>
        </li>
      ))}
    </ul>
  );
}

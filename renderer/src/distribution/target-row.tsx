import { useEffect, useState } from 'react';
import type { DistributionTarget, MetricsPoint } from '../../../shared/domain/distribution';
import { platformNames } from '../../../shared/domain/platforms';
import { isDesktop } from '../api/api-client';
import { Badge } from '../components/badge';
import { formatCount } from '../format';
import { useDistribution } from '../stores/distribution-store';
import styles from './distribution.module.css';
import { errorKindLabels, progressLine, targetStates, uploadPercent } from './labels';
import { Sparkline } from './sparkline';

export function OpenOnPlatform({ url, platform }: { url: string; platform: string }) {
  const { openExternal } = useDistribution((state) => state.actions);
  const label = `Open on ${platform}`;
  // The desktop app opens the system browser; a browser tab opens another tab.
  if (isDesktop()) {
    return (
      <button type="button" className="link" onClick={() => void openExternal(url)}>
        {label}
      </button>
    );
  }
  return (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  );
}

function useMetrics(target: DistributionTarget): MetricsPoint[] | null {
  const { metrics } = useDistribution((state) => state.actions);
  const [points, setPoints] = useState<MetricsPoint[] | null>(null);
  const latestAt = target.latestMetrics?.at ?? null;
  useEffect(() => {
    if (target.state !== 'success' || latestAt === null) return;
    let live = true;
    void metrics(target.id).then((rows) => live && rows && setPoints(rows));
    return () => {
      live = false;
    };
  }, [target.id, target.state, latestAt, metrics]);
  return points;
}

export function TargetRow({ target }: { target: DistributionTarget }) {
  const { retry } = useDistribution((state) => state.actions);
  const retrying = useDistribution((state) => state.retrying.has(target.id));
  const points = useMetrics(target);
  const platform = platformNames[target.platform];
  const line = progressLine(target);
  const latest = target.latestMetrics;
  const percent = uploadPercent(target);
  return (
    <li className={styles.target} data-testid={`target-${target.platform}`}>
      <div className={styles.targetHead}>
        <Badge tone={targetStates[target.state].tone} data-state={target.state}>
          {platform}: {targetStates[target.state].label}
        </Badge>
        <span className="muted small">{target.accountHandle ?? 'Removed account'}</span>
      </div>
      {line && <p className="small">{line}</p>}
      {percent !== null && (
        <progress max={100} value={percent} aria-label={`${platform} upload progress`} />
      )}
      {target.state === 'failed' && (
        <div role="alert">
          <p className="error-text small">
            <strong>{target.errorKind ? errorKindLabels[target.errorKind] : 'Error'}:</strong>{' '}
            {target.errorMessage ?? 'The post failed.'}
          </p>
          {target.suggestedAction && <p className="small">{target.suggestedAction}</p>}
          <button type="button" disabled={retrying} onClick={() => void retry(target.id)}>
            {retrying ? 'Retrying…' : 'Retry'}
          </button>
        </div>
      )}
      {target.notices.map((notice) => (
        <p key={notice} className="small error-text">
          {notice}
        </p>
      ))}
      {target.state === 'success' && (
        <div className={styles.success}>
          {target.url && <OpenOnPlatform url={target.url} platform={platform} />}
          {latest ? (
            <span className="small" data-testid="metrics">
              {formatCount(latest.views)} views · {formatCount(latest.likes)} likes ·{' '}
              {formatCount(latest.comments)} comments
            </span>
          ) : (
            <span className="muted small">Metrics arrive within the hour</span>
          )}
          {points && <Sparkline points={points} label={`${platform} views over time`} />}
        </div>
      )}
    </li>
  );
}

import { useEffect, useState } from 'react';
import type { DistributionTarget, MetricsPoint } from '../../../shared/domain/distribution';
import { platformNames } from '../../../shared/domain/platforms';
import { api, call } from '../api/api-client';
import { reportError } from '../stores/notices-store';
import { useDistribution } from './distribution-store';
import { errorKindLabels, formatCount, progressLine, targetStateLabels } from './format';
import { Sparkline } from './sparkline';

function OpenOnPlatform({ url, platform }: { url: string; platform: string }) {
  const label = `Open on ${platform}`;
  if (api.transport === 'ipc') {
    return (
      <button
        type="button"
        className="link-button"
        onClick={() =>
          void call('app:openExternal', { url }).catch((error: unknown) =>
            reportError('The post could not be opened', error),
          )
        }
      >
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
  const [points, setPoints] = useState<MetricsPoint[] | null>(null);
  const latestAt = target.latestMetrics?.at ?? null;
  useEffect(() => {
    if (target.state !== 'success' || latestAt === null) return;
    let live = true;
    call('distribution:metrics', { targetId: target.id }).then(
      (rows) => live && setPoints(rows),
      (error: unknown) => reportError('Metrics could not be loaded', error),
    );
    return () => {
      live = false;
    };
  }, [target.id, target.state, latestAt]);
  return points;
}

export function TargetRow({ target }: { target: DistributionTarget }) {
  const retry = useDistribution((state) => state.retry);
  const retrying = useDistribution((state) => state.retrying.has(target.id));
  const points = useMetrics(target);
  const platform = platformNames[target.platform];
  const line = progressLine(target);
  const latest = target.latestMetrics;
  const percent =
    target.state === 'processing' && target.phase === 'uploading' && target.totalBytes > 0
      ? Math.floor((target.sentBytes / target.totalBytes) * 100)
      : null;
  return (
    <li className="target-row" data-testid={`target-${target.platform}`}>
      <div className="target-head">
        <span className={`chip chip-${target.state}`} data-state={target.state}>
          {platform}: {targetStateLabels[target.state]}
        </span>
        <span className="muted small">{target.accountHandle ?? 'Removed account'}</span>
      </div>
      {line && <p className="small">{line}</p>}
      {percent !== null && (
        <progress max={100} value={percent} aria-label={`${platform} upload progress`} />
      )}
      {target.state === 'failed' && (
        <div className="target-error" role="alert">
          <p className="error-text small">
            <strong>{target.errorKind ? errorKindLabels[target.errorKind] : 'Error'}:</strong>{' '}
            {target.errorMessage ?? 'The post failed.'}
          </p>
          {target.suggestedAction && <p className="small">{target.suggestedAction}</p>}
          <button type="button" disabled={retrying} onClick={() => void retry(target.id)}>
            {retrying
              ? 'Retrying…'
              : target.errorKind === 'unknown'
                ? 'Look for it again'
                : 'Retry'}
          </button>
        </div>
      )}
      {target.notices.map((notice) => (
        <p key={notice} className="small warning-text">
          {notice}
        </p>
      ))}
      {target.state === 'success' && (
        <div className="target-success">
          {target.url && <OpenOnPlatform url={target.url} platform={platform} />}
          {latest ? (
            <span className="small metrics-line" data-testid="metrics">
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

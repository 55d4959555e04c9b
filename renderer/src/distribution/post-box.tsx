import { useEffect, useState } from 'react';
import type { DistributionTarget, MetricsPoint } from '../../../shared/domain/distribution';
import { platformNames } from '../../../shared/domain/platforms';
import { isDesktop } from '../api/api-client';
import { Badge } from '../components/badge';
import { formatAgo } from '../format';
import { useDistribution } from '../stores/distribution-store';
import { useSettings } from '../stores/settings-store';
import styles from './distribution.module.css';
import { errorKindLabels, metricWords, progressLine, targetStates, uploadPercent } from './labels';
import { PostEditorDialog } from './post-editor-dialog';
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

/** What a published post says: where to see it, its engagement, and when that was read. */
function Published({ target }: { target: DistributionTarget }) {
  const points = useMetrics(target);
  const platform = platformNames[target.platform];
  const latest = target.latestMetrics;
  return (
    <div className={styles.published}>
      {target.openUrl ? (
        <OpenOnPlatform url={target.openUrl} platform={platform} />
      ) : (
        <span className="muted small">
          {target.privacyNote
            ? `Private on ${platform}: only the account sees it, in the ${platform} app.`
            : `${platform} gave no link to this post.`}
        </span>
      )}
      {target.metricsNote ? (
        <p className="muted small" data-testid="metrics">
          Metrics not reported: {target.metricsNote}
        </p>
      ) : latest ? (
        <>
          <p className="small" data-testid="metrics">
            {metricWords(latest.views, 'view')} · {metricWords(latest.likes, 'like')} ·{' '}
            {metricWords(latest.comments, 'comment')}
          </p>
          {points && <Sparkline points={points} label={`${platform} views over time`} />}
        </>
      ) : (
        <p className="muted small" data-testid="metrics">
          Metrics are read within the hour after posting.
        </p>
      )}
      {target.metricsAt !== null && !target.metricsNote && (
        <small className="muted">Metrics read {formatAgo(target.metricsAt)}</small>
      )}
    </div>
  );
}

/** One post of a video: its platform and account, its state, and what can be done about it. */
export function PostBox({ target }: { target: DistributionTarget }) {
  const { retry } = useDistribution((state) => state.actions);
  const retrying = useDistribution((state) => state.retrying.has(target.id));
  const [editing, setEditing] = useState(false);
  const platform = platformNames[target.platform];
  const timeZone = useSettings((state) => state.settings?.timeZone) ?? 'UTC';
  const line = progressLine(target, timeZone);
  const percent = uploadPercent(target);
  const look = retrying
    ? { label: 'Retrying…', tone: 'accent' as const }
    : targetStates[target.state];
  const canEdit = (target.state === 'failed' || target.state === 'pending') && target.edit.allowed;
  return (
    <li
      className={styles.post}
      data-testid={`target-${target.platform}`}
      data-item-id={target.id}
      aria-label={`${platform} post${target.accountHandle ? ` of ${target.accountHandle}` : ''}`}
    >
      <div className={styles.postHead}>
        <strong>{platform}</strong>
        <Badge tone={look.tone} data-state={retrying ? 'retrying' : target.state}>
          {look.label}
        </Badge>
      </div>
      <span className={styles.handle} title={target.accountHandle ?? undefined}>
        {target.accountHandle ?? 'Removed account'}
      </span>
      {line && !retrying && <p className="small">{line}</p>}
      {percent !== null && (
        <progress max={100} value={percent} aria-label={`${platform} upload progress`} />
      )}
      {target.state === 'failed' && !retrying && (
        <div role="alert" className={styles.failure}>
          <p className="error-text small">
            <strong>{target.errorKind ? errorKindLabels[target.errorKind] : 'Error'}:</strong>{' '}
            {target.errorMessage ?? 'The post failed.'}
          </p>
          {target.suggestedAction && <p className="small">{target.suggestedAction}</p>}
          {!target.edit.allowed && target.edit.reason && (
            <p className="muted small">Its text cannot change: {target.edit.reason}</p>
          )}
          <div className="row">
            <button type="button" className="small" onClick={() => void retry(target.id)}>
              {/* An unknown outcome is never posted again blindly: Retry looks for the post. */}
              {target.errorKind === 'unknown' ? 'Look for it again' : 'Retry'}
            </button>
            {canEdit && (
              <button type="button" className="secondary small" onClick={() => setEditing(true)}>
                Edit…
              </button>
            )}
          </div>
        </div>
      )}
      {target.state === 'pending' && !retrying && canEdit && (
        <div className="row">
          <button type="button" className="secondary small" onClick={() => setEditing(true)}>
            Edit…
          </button>
        </div>
      )}
      {target.editedAt !== null && (
        <small className="muted">Text edited {formatAgo(target.editedAt)}</small>
      )}
      {target.privacyNote && <p className={`small ${styles.note}`}>{target.privacyNote}</p>}
      {target.notices.map((notice) => (
        <p key={notice} className={`small ${styles.note}`}>
          {notice}
        </p>
      ))}
      {target.state === 'success' && <Published target={target} />}
      {editing && <PostEditorDialog target={target} open={editing} onOpenChange={setEditing} />}
    </li>
  );
}

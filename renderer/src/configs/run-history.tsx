import { useEffect, useState } from 'react';
import type { Config, ConfigRun, RunTrigger, RunVideo } from '../../../shared/domain/configs';
import { Badge, type StateLook } from '../components/badge';
import { Loading } from '../components/load-state';
import { ScreenHeader } from '../components/screen';
import { formatSeconds, formatShortDateTime, formatZonedDateTime } from '../format';
import { platformNames } from '../../../shared/domain/platforms';
import { useAccounts } from '../stores/accounts-store';
import { useConfigs } from '../stores/configs-store';
import { useDomain } from '../stores/domain-store';
import { runStates } from './labels';
import { RenderedVideo } from './rendered-video';
import { RunPostsSummary } from './run-posts';
import styles from './run-history.module.css';
import { isActiveRun, RunProgress } from './run-progress';

const triggerLabels: Record<RunTrigger, string> = {
  schedule: 'Scheduled',
  catchUp: 'Catch-up',
  manual: 'Run now',
};

const videoStates: Record<RunVideo['state'], StateLook> = {
  queued: { label: 'Waiting', tone: 'neutral' },
  rendering: { label: 'Rendering', tone: 'accent' },
  rendered: { label: 'Rendered', tone: 'ok' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

function RunCard({
  run,
  timeZone,
  accountNames,
}: {
  run: ConfigRun;
  timeZone: string;
  /** "TikTok · @handle" by account id. */
  accountNames: ReadonlyMap<string, string>;
}) {
  const { cancelRun } = useConfigs((state) => state.actions);
  const [cancelling, setCancelling] = useState(false);
  return (
    <li className="card" data-testid="run">
      <div className="row spread">
        <div>
          <strong>{triggerLabels[run.trigger]}</strong>{' '}
          <span className="muted">
            {run.scheduledFor !== null
              ? `for ${formatZonedDateTime(run.scheduledFor, timeZone)}`
              : `at ${formatShortDateTime(run.createdAt)}`}
          </span>
          {run.missedCount > 0 && (
            <small className="muted">
              {' '}
              · {run.missedCount} missed {run.missedCount === 1 ? 'run' : 'runs'} skipped while
              ReelPilot was not running
            </small>
          )}
        </div>
        <Badge tone={runStates[run.state].tone}>{runStates[run.state].label}</Badge>
      </div>
      {isActiveRun(run) && (
        <div className="row">
          <RunProgress run={run} />
          <button
            type="button"
            className="secondary"
            disabled={cancelling}
            onClick={() => {
              setCancelling(true);
              void cancelRun(run.id).finally(() => setCancelling(false));
            }}
          >
            {cancelling ? 'Cancelling…' : 'Cancel run'}
          </button>
        </div>
      )}
      {run.error && <p className="error-text">{run.error}</p>}
      <RunPostsSummary posts={run.posts} />
      <ol className={styles.videos}>
        {run.videos.map((video) => (
          <li key={video.id}>
            <span>Video {video.position + 1}</span>
            <Badge tone={videoStates[video.state].tone}>{videoStates[video.state].label}</Badge>
            {video.state === 'rendering' && (
              <progress max={1} value={video.progress} aria-label={`Video ${video.position + 1}`} />
            )}
            {video.accountIds.length > 0 && (
              <small className="muted">
                to{' '}
                {video.accountIds
                  .map((id) => accountNames.get(id) ?? 'a removed account')
                  .join(', ')}
              </small>
            )}
            {video.outputPath && video.state === 'rendered' && (
              <RenderedVideo
                path={video.outputPath}
                label={`video ${video.position + 1}`}
                title={run.configName}
              />
            )}
            {video.durationMs !== null && (
              <small className="muted">{formatSeconds(video.durationMs)}</small>
            )}
            {video.error && video.state !== 'failed' && (
              <small className="muted">{video.error}</small>
            )}
            {video.error && video.state === 'failed' && run.error !== video.error && (
              <small className="error-text">{video.error}</small>
            )}
          </li>
        ))}
      </ol>
    </li>
  );
}

export function RunHistory({ config, onBack }: { config: Config; onBack(): void }) {
  const runs = useConfigs((state) => state.runs);
  const { loadRuns } = useConfigs((state) => state.actions);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void loadRuns(config.id).finally(() => !cancelled && setLoaded(true));
    return () => {
      cancelled = true;
    };
  }, [config.id, loadRuns]);

  const mine = runs.filter((run) => run.configId === config.id);
  const accounts = useAccounts((state) => state.items);
  useDomain(useAccounts);
  const accountNames = new Map(
    (accounts ?? []).map((account) => [
      account.id,
      `${platformNames[account.platform]} · ${account.handle}`,
    ]),
  );
  return (
    <section aria-labelledby="configs-title">
      <ScreenHeader
        id="configs-title"
        title={`History of “${config.name}”`}
        actions={
          <button type="button" className="secondary" onClick={onBack}>
            Back to the list
          </button>
        }
      />
      {!loaded && mine.length === 0 ? (
        <Loading>Loading the history…</Loading>
      ) : mine.length === 0 ? (
        <div className="card empty-state">
          <p>No runs yet. Use “Run now” in the list, or wait for the next scheduled run.</p>
        </div>
      ) : (
        <ul className={styles.runs}>
          {mine.map((run) => (
            <RunCard
              key={run.id}
              run={run}
              timeZone={config.schedule.timeZone}
              accountNames={accountNames}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

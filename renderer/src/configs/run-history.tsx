import { useEffect, useState } from 'react';
import type { Config, ConfigRun, RunTrigger } from '../../../shared/domain/configs';
import { call } from '../api/api-client';
import { reportError } from '../stores/notices-store';
import { useConfigs } from '../stores/configs-store';
import { formatLocal, formatWhen, runStateLabels } from './labels';
import { RenderedVideo } from './rendered-video';
import { isActiveRun, RunProgress } from './run-progress';

const triggerLabels: Record<RunTrigger, string> = {
  schedule: 'Scheduled',
  catchUp: 'Catch-up',
  manual: 'Run now',
};

const videoStateLabels = {
  queued: 'Waiting',
  rendering: 'Rendering',
  rendered: 'Rendered',
  failed: 'Failed',
  cancelled: 'Cancelled',
} as const;

function RunCard({ run, timeZone }: { run: ConfigRun; timeZone: string }) {
  const [cancelling, setCancelling] = useState(false);
  return (
    <li className="card run" data-testid="run">
      <div className="row spread">
        <div>
          <strong>{triggerLabels[run.trigger]}</strong>{' '}
          <span className="muted">
            {run.scheduledFor !== null
              ? `for ${formatWhen(run.scheduledFor, timeZone)}`
              : `at ${formatLocal(run.createdAt)}`}
          </span>
          {run.missedCount > 0 && (
            <small className="muted">
              {' '}
              · {run.missedCount} missed {run.missedCount === 1 ? 'run' : 'runs'} skipped while
              ReelPilot was not running
            </small>
          )}
        </div>
        <span className={`badge state-${run.state}`}>{runStateLabels[run.state]}</span>
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
              call('configs:cancelRun', { runId: run.id })
                .catch((error: unknown) => reportError('The run could not be cancelled', error))
                .finally(() => setCancelling(false));
            }}
          >
            {cancelling ? 'Cancelling…' : 'Cancel run'}
          </button>
        </div>
      )}
      {run.error && <p className="error-text">{run.error}</p>}
      <ol className="videos">
        {run.videos.map((video) => (
          <li key={video.id}>
            <span>Video {video.position + 1}</span>
            <span className={`badge state-${video.state}`}>{videoStateLabels[video.state]}</span>
            {video.state === 'rendering' && (
              <progress max={1} value={video.progress} aria-label={`Video ${video.position + 1}`} />
            )}
            {video.accountIds.length > 0 && (
              <small className="muted">to {video.accountIds.join(', ')}</small>
            )}
            {video.outputPath && video.state === 'rendered' && (
              <RenderedVideo path={video.outputPath} label={`video ${video.position + 1}`} />
            )}
            {video.durationMs !== null && (
              <small className="muted">{(video.durationMs / 1000).toFixed(1)} s</small>
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
  const loadRuns = useConfigs((state) => state.loadRuns);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let cancelled = false;
    loadRuns(config.id)
      .catch((error: unknown) => reportError('The run history could not be loaded', error))
      .finally(() => !cancelled && setLoaded(true));
    return () => {
      cancelled = true;
    };
  }, [config.id, loadRuns]);

  const mine = runs.filter((run) => run.configId === config.id);
  return (
    <section aria-labelledby="configs-title">
      <header className="screen-header row spread">
        <h1 id="configs-title">History of “{config.name}”</h1>
        <button type="button" className="secondary" onClick={onBack}>
          Back to the list
        </button>
      </header>
      {!loaded && mine.length === 0 ? (
        <p className="muted" role="status">
          Loading the history…
        </p>
      ) : mine.length === 0 ? (
        <div className="card empty-state">
          <p>No runs yet. Use “Run now” in the list, or wait for the next scheduled run.</p>
        </div>
      ) : (
        <ul className="runs">
          {mine.map((run) => (
            <RunCard key={run.id} run={run} timeZone={config.schedule.timeZone} />
          ))}
        </ul>
      )}
    </section>
  );
}

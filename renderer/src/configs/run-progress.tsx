import type { ConfigRun } from '../../../shared/domain/configs';
import styles from './run-progress.module.css';

export function runProgress(run: ConfigRun): number {
  if (run.videos.length === 0) return 0;
  return run.videos.reduce((sum, video) => sum + video.progress, 0) / run.videos.length;
}

export function isActiveRun(run: ConfigRun): boolean {
  return run.state === 'pending' || run.state === 'running';
}

export function RunProgress({ run }: { run: ConfigRun }) {
  const fraction = runProgress(run);
  const rendered = run.videos.filter((video) => video.state === 'rendered').length;
  return (
    <div className={styles.progress}>
      <progress
        max={1}
        value={fraction}
        aria-label={`Run of ${run.configName}`}
        aria-valuetext={`${Math.round(fraction * 100)}%`}
      />
      <small className="muted">
        {run.videos.length === 0
          ? 'Starting…'
          : `${rendered} of ${run.videos.length} videos rendered · ${Math.round(fraction * 100)}%`}
      </small>
    </div>
  );
}

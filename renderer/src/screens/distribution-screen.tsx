import { Badge } from '../components/badge';
import { LoadFailure, Loading } from '../components/load-state';
import { Screen, ScreenHeader } from '../components/screen';
import styles from '../distribution/distribution.module.css';
import { Filters } from '../distribution/filters';
import { videoStatuses } from '../distribution/labels';
import { PlatformTotals } from '../distribution/platform-totals';
import { TargetRow } from '../distribution/target-row';
import { formatDateTime } from '../format';
import { useDistribution } from '../stores/distribution-store';
import { useDomain } from '../stores/domain-store';

/** Every rendered video with its posts: progress, errors with what to do, and engagement. */
export function DistributionScreen() {
  const videos = useDistribution((state) => state.items);
  const error = useDistribution((state) => state.error);
  const { load } = useDistribution((state) => state.actions);
  const filters = useDistribution((state) => state.filters);
  // Totals change when a post is published or a new metrics reading arrives.
  const posted = (videos ?? [])
    .flatMap((video) => video.targets)
    .filter((t) => t.state === 'success')
    .map((t) => `${t.id}:${t.latestMetrics?.at ?? 0}`)
    .join('|');
  const filtered = filters.status || filters.platform || filters.accountId || filters.days > 0;

  // Metrics readings and waits move with the clock.
  useDomain(useDistribution, 60_000);

  return (
    <Screen labelledBy="distribution-title">
      <ScreenHeader
        id="distribution-title"
        title="Distribution"
        actions={
          <button type="button" onClick={() => void load()}>
            Refresh
          </button>
        }
      />
      <PlatformTotals version={posted} />
      <Filters />
      {error ? (
        <LoadFailure what="Posts" error={error} onRetry={() => void load()} />
      ) : videos === null ? (
        <Loading>Loading posts…</Loading>
      ) : videos.length === 0 ? (
        <div className="card empty-state">
          <h2>{filtered ? 'No posts match these filters' : 'Nothing posted yet'}</h2>
          <p className="muted">
            {filtered
              ? 'Change or clear the filters to see more.'
              : 'When a config run renders a video, it is posted to the config’s accounts and shows up here with its progress, errors and engagement.'}
          </p>
        </div>
      ) : (
        <ul className={styles.videos}>
          {videos.map((video) => (
            <li key={video.id} className={`card ${styles.video}`} data-testid="distribution-video">
              <header className={styles.videoHead}>
                <h2>{video.title}</h2>
                <Badge tone={videoStatuses[video.status].tone}>
                  {videoStatuses[video.status].label}
                </Badge>
                <span className="muted small">{formatDateTime(video.createdAt)}</span>
              </header>
              <ul className={styles.targets}>
                {video.targets.map((target) => (
                  <TargetRow key={target.id} target={target} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}

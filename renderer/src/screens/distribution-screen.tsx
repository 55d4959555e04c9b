import { LoadFailure, Loading } from '../components/load-state';
import { Screen, ScreenHeader } from '../components/screen';
import styles from '../distribution/distribution.module.css';
import { Filters } from '../distribution/filters';
import { uniqueVideoNames } from '../distribution/labels';
import { PlatformTotals } from '../distribution/platform-totals';
import { VideoCard } from '../distribution/video-card';
import { useDistribution } from '../stores/distribution-store';
import { useDomain } from '../stores/domain-store';
import { useSettings } from '../stores/settings-store';

/** Every rendered video with its posts: progress, errors with what to do, and engagement. */
export function DistributionScreen() {
  const videos = useDistribution((state) => state.items);
  const error = useDistribution((state) => state.error);
  const { load } = useDistribution((state) => state.actions);
  const filters = useDistribution((state) => state.filters);
  const timeZone = useSettings((state) => state.settings?.timeZone) ?? 'UTC';
  // Totals change when a post is published or a new metrics reading arrives.
  const posted = (videos ?? [])
    .flatMap((video) => video.targets)
    .filter((t) => t.state === 'success')
    .map((t) => `${t.id}:${t.latestMetrics?.at ?? 0}`)
    .join('|');
  const names = uniqueVideoNames(videos ?? [], timeZone);
  const filtered = filters.status || filters.platform || filters.accountId || filters.days > 0;

  // Metrics readings and waits move with the clock.
  useDomain(useDistribution, 60_000);

  return (
    <Screen width="wide" labelledBy="distribution-title">
      <ScreenHeader
        id="distribution-title"
        title="Distribution"
        subtitle={`Each rendered video with its posts. Times in ${timeZone} (Settings).`}
        actions={
          <button type="button" className="secondary" onClick={() => void load()}>
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
            <VideoCard
              key={video.id}
              video={video}
              name={names.get(video.id) ?? video.title}
              timeZone={timeZone}
            />
          ))}
        </ul>
      )}
    </Screen>
  );
}

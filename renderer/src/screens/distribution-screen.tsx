import { useEffect } from 'react';
import { targetStates } from '../../../shared/domain/distribution';
import { platformIds, platformNames } from '../../../shared/domain/platforms';
import { subscribeToDistribution, useDistribution } from '../stores/distribution-store';
import { formatTime, targetStateLabels, videoStatusLabels } from '../distribution/labels';
import { PlatformTotals } from '../distribution/platform-totals';
import { TargetRow } from '../distribution/target-row';
import './distribution.css';

function Filters() {
  const filters = useDistribution((state) => state.filters);
  const accounts = useDistribution((state) => state.accounts);
  const setFilters = useDistribution((state) => state.setFilters);
  return (
    <div className="distribution-filters card" role="group" aria-label="Filters">
      <label>
        Status
        <select
          value={filters.status}
          onChange={(e) => setFilters({ status: e.target.value as typeof filters.status })}
        >
          <option value="">Any</option>
          {targetStates.map((state) => (
            <option key={state} value={state}>
              {targetStateLabels[state]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Platform
        <select
          value={filters.platform}
          onChange={(e) => setFilters({ platform: e.target.value as typeof filters.platform })}
        >
          <option value="">All</option>
          {platformIds.map((id) => (
            <option key={id} value={id}>
              {platformNames[id]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Account
        <select
          value={filters.accountId}
          onChange={(e) => setFilters({ accountId: e.target.value })}
        >
          <option value="">All</option>
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {platformNames[account.platform]} · {account.handle}
            </option>
          ))}
        </select>
      </label>
      <label>
        Date
        <select value={filters.days} onChange={(e) => setFilters({ days: Number(e.target.value) })}>
          <option value={0}>Any time</option>
          <option value={1}>Last 24 hours</option>
          <option value={7}>Last 7 days</option>
          <option value={30}>Last 30 days</option>
        </select>
      </label>
    </div>
  );
}

export function DistributionScreen() {
  const videos = useDistribution((state) => state.videos);
  const loadError = useDistribution((state) => state.loadError);
  const load = useDistribution((state) => state.load);
  const filters = useDistribution((state) => state.filters);
  // Totals change when a post is published or a new metrics reading arrives.
  const posted = (videos ?? [])
    .flatMap((video) => video.targets)
    .filter((t) => t.state === 'success')
    .map((t) => `${t.id}:${t.latestMetrics?.at ?? 0}`)
    .join('|');
  const filtered = filters.status || filters.platform || filters.accountId || filters.days > 0;

  useEffect(() => {
    void load();
    const unsubscribe = subscribeToDistribution();
    // Metrics readings and waits move with the clock.
    const timer = window.setInterval(() => void load(), 60_000);
    return () => {
      unsubscribe();
      window.clearInterval(timer);
    };
  }, [load]);

  return (
    <section className="screen distribution-screen" aria-labelledby="distribution-title">
      <header className="screen-header with-actions">
        <h1 id="distribution-title">Distribution</h1>
        <button type="button" onClick={() => void load()}>
          Refresh
        </button>
      </header>
      <PlatformTotals version={posted} />
      <Filters />
      {loadError ? (
        <div className="card" role="alert">
          <p>Posts could not be loaded: {loadError}</p>
          <button type="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : videos === null ? (
        <p className="muted" role="status">
          Loading posts…
        </p>
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
        <ul className="distribution-videos">
          {videos.map((video) => (
            <li key={video.id} className="card distribution-video" data-testid="distribution-video">
              <header className="video-head">
                <h2>{video.title}</h2>
                <span className={`chip chip-video-${video.status}`}>
                  {videoStatusLabels[video.status]}
                </span>
                <span className="muted small">{formatTime(video.createdAt)}</span>
              </header>
              <ul className="target-list">
                {video.targets.map((target) => (
                  <TargetRow key={target.id} target={target} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

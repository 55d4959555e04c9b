import { LoadFailure, Loading } from '../components/load-state';
import { cx } from '../components/class-names';
import { useDomain } from '../stores/domain-store';
import { useNavigation } from '../stores/navigation-store';
import { useSettings } from '../stores/settings-store';
import { useStatistics } from '../stores/statistics-store';
import { BestTimesCard } from './best-times-card';
import { EngagementCharts } from './engagement-charts';
import { KpiCards } from './kpi-cards';
import { rangeLabel } from './labels';
import styles from './overview.module.css';
import { PeriodPicker } from './period-picker';
import { RebuildNotice, RollupFooter } from './rebuild-notice';
import { StatisticsFilters } from './statistics-filters';
import { TopPostsTable } from './top-posts-table';

/** Today in a zone, YYYY-MM-DD. */
function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

function NoHistory() {
  const { go } = useNavigation((state) => state.actions);
  return (
    <div className="card empty-state" data-testid="statistics-empty">
      <h2>No statistics yet</h2>
      <p className="muted">
        Statistics fill in as ReelPilot renders videos and posts them. Connect an account on the
        Accounts screen, then create a config on the Configs screen and run it: its renders, its
        posts and their views and engagement show up here, with the best times to post.
      </p>
      <div className="row">
        <button type="button" onClick={() => go('configs')}>
          Go to Configs
        </button>
        <button type="button" className="secondary" onClick={() => go('accounts')}>
          Go to Accounts
        </button>
      </div>
    </div>
  );
}

function ExportButtons({ disabled }: { disabled: boolean }) {
  const exporting = useStatistics((state) => state.exporting);
  const { exportCsv } = useStatistics((state) => state.actions);
  return (
    <div className="row">
      <button
        type="button"
        className="secondary small"
        disabled={disabled || exporting !== null}
        onClick={() => void exportCsv('figures')}
      >
        {exporting === 'figures' ? 'Exporting…' : 'Export figures (CSV)'}
      </button>
      <button
        type="button"
        className="secondary small"
        disabled={disabled || exporting !== null}
        onClick={() => void exportCsv('posts')}
      >
        {exporting === 'posts' ? 'Exporting…' : 'Export posts (CSV)'}
      </button>
    </div>
  );
}

/**
 * The Overview: key figures of a period against the one before, views and engagement over time,
 * per platform and per account, the top posts and the best times to post, and CSV exports.
 */
export function OverviewTab() {
  const status = useStatistics((state) => state.status);
  const error = useStatistics((state) => state.error);
  const dashboard = useStatistics((state) => state.dashboard);
  const series = useStatistics((state) => state.series);
  const best = useStatistics((state) => state.bestTimes);
  const period = useStatistics((state) => state.period);
  const filters = useStatistics((state) => state.filters);
  const rebuild = useStatistics((state) => state.rebuild);
  const partError = useStatistics((state) => state.partError);
  const { load, setPeriod } = useStatistics((state) => state.actions);
  const settingsZone = useSettings((state) => state.settings?.timeZone);
  // "Last 24 hours" moves with the clock; new figures also arrive as push events.
  useDomain(useStatistics, 60_000);

  const timeZone =
    dashboard?.period.timeZone ?? settingsZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const resolved = dashboard?.period;

  return (
    <div className={styles.overview}>
      <div className={cx('card', styles.toolbar)}>
        <div className={styles.toolbarRow}>
          <PeriodPicker value={period} today={todayIn(timeZone)} onChange={setPeriod} />
          <ExportButtons disabled={!dashboard?.hasHistory} />
        </div>
        <StatisticsFilters />
      </div>
      {resolved && (
        <p className={cx('muted small', styles.rangeLine)} data-testid="period-range">
          {rangeLabel(resolved.start, resolved.end, resolved)}, compared with{' '}
          {rangeLabel(resolved.previousStart, resolved.previousEnd, resolved)} · {timeZone}
          {status === 'loading' && <span role="status"> · Updating…</span>}
        </p>
      )}
      {error && dashboard && (
        <p className="error-text small" role="alert">
          The figures could not be refreshed: {error}{' '}
          <button type="button" className="link" onClick={() => void load()}>
            Try again
          </button>
        </p>
      )}
      {partError && (
        <p className="error-text small" role="alert">
          Part of the Overview could not be loaded: {partError}
        </p>
      )}
      {rebuild && <RebuildNotice status={rebuild} />}
      {error && !dashboard ? (
        <LoadFailure what="Statistics" error={error} onRetry={() => void load()} />
      ) : !dashboard || !series || !best ? (
        <Loading>Loading statistics…</Loading>
      ) : !dashboard.hasHistory ? (
        <NoHistory />
      ) : (
        <>
          <KpiCards dashboard={dashboard} />
          <EngagementCharts dashboard={dashboard} series={series} />
          <TopPostsTable timeZone={timeZone} />
          <BestTimesCard best={best} accountChosen={filters.accountId !== undefined} />
          <RollupFooter status={rebuild ?? dashboard.rebuild} />
        </>
      )}
    </div>
  );
}

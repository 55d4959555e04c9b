import { useMemo } from 'react';
import type { Dashboard, Timeseries } from '../../../shared/domain/statistics';
import { cx } from '../components/class-names';
import { useStatistics } from '../stores/statistics-store';
import { Chart } from './chart';
import { accountBars, platformBars, seriesOption } from './chart-options';
import { useChartTheme } from './chart-theme';
import { grainLabels, grainsFor } from './labels';
import styles from './overview.module.css';
import { SegmentedChoice } from './segmented-choice';

/** Accounts shown in the bars: the ten with the most views. */
const TOP_ACCOUNTS = 10;

function SeriesChart({ series }: { series: Timeseries }) {
  const theme = useChartTheme();
  const grain = useStatistics((state) => state.grain);
  const { setGrain } = useStatistics((state) => state.actions);
  const option = useMemo(() => seriesOption(series, theme), [series, theme]);
  const grains = grainsFor(series.period);
  const empty = series.points.every((point) => point.engagement.views.sum === null);
  const caption =
    series.grain === 'day'
      ? 'Views and engagement per day'
      : `Views and engagement per ${series.grain}`;
  const choices =
    grains.length > 1 ? (
      <SegmentedChoice
        label="Show per"
        options={grains.map((g) => [g, grainLabels[g]] as const)}
        value={grain ?? series.period.grain}
        onChange={(g) => setGrain(g === series.period.grain ? null : g)}
      />
    ) : null;
  return (
    <section className={cx('card', styles.chartCard)}>
      <Chart
        caption={caption}
        option={option}
        height={280}
        testId="chart-series"
        actions={choices}
      />
      {empty && (
        <p className={cx('muted small', styles.chartNote)}>
          No views were reported in this period: posts published in it show up here once their
          platforms report views.
        </p>
      )}
    </section>
  );
}

function GroupCharts({ dashboard }: { dashboard: Dashboard }) {
  const theme = useChartTheme();
  const platforms = useMemo(() => platformBars(dashboard.byPlatform, theme), [dashboard, theme]);
  const accounts = useMemo(
    () => accountBars(dashboard.byAccount.slice(0, TOP_ACCOUNTS), theme),
    [dashboard, theme],
  );
  return (
    <div className={styles.twoColumns}>
      <section className={cx('card', styles.chartCard)}>
        {dashboard.byPlatform.length === 0 ? (
          <EmptyChart caption="Per platform" />
        ) : (
          <Chart caption="Per platform" option={platforms} testId="chart-platforms" />
        )}
      </section>
      <section className={cx('card', styles.chartCard)}>
        {dashboard.byAccount.length === 0 ? (
          <EmptyChart caption="Per account" />
        ) : (
          <Chart
            caption={
              dashboard.byAccount.length > TOP_ACCOUNTS
                ? `Per account (the ${TOP_ACCOUNTS} with the most views)`
                : 'Per account'
            }
            option={accounts}
            height={Math.max(200, 40 + 28 * Math.min(TOP_ACCOUNTS, dashboard.byAccount.length))}
            testId="chart-accounts"
          />
        )}
      </section>
    </div>
  );
}

function EmptyChart({ caption }: { caption: string }) {
  return (
    <figure className={styles.figure}>
      <figcaption className={styles.caption}>{caption}</figcaption>
      <p className={cx('muted', styles.emptyChart)}>No posts in this period.</p>
    </figure>
  );
}

/** Views and engagement over the period, then per platform and per account. */
export function EngagementCharts({
  dashboard,
  series,
}: {
  dashboard: Dashboard;
  series: Timeseries;
}) {
  return (
    <>
      <SeriesChart series={series} />
      <GroupCharts dashboard={dashboard} />
    </>
  );
}

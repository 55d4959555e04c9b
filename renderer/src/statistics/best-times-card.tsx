import { useMemo } from 'react';
import { minPostsForBestTimes, type BestTimes } from '../../../shared/domain/statistics';
import { cx } from '../components/class-names';
import { plural } from '../format';
import { Chart } from './chart';
import { heatmapOption } from './chart-options';
import { useChartTheme } from './chart-theme';
import styles from './overview.module.css';

/**
 * When posts did best: average views by weekday and hour of publishing, over the whole history
 * the filters let through, in the Settings time zone. Says so when there is too little to go on.
 */
export function BestTimesCard({
  best,
  accountChosen,
}: {
  best: BestTimes;
  accountChosen: boolean;
}) {
  const theme = useChartTheme();
  const option = useMemo(() => heatmapOption(best, theme), [best, theme]);
  return (
    <section className={cx('card', styles.chartCard)} aria-labelledby="best-times-title">
      <h2 id="best-times-title" className={styles.caption}>
        Best time to post
      </h2>
      <p className="muted small">
        Average views by the hour posts went live ({best.timeZone}), over every post so far
        {accountChosen ? ' of this account' : ''}; the period does not apply.
        {!accountChosen && ' Choose an account to see its own best times.'}
      </p>
      {!best.enough && (
        <p className="warning-box" role="status">
          Too little data yet: {plural(best.posts, 'post')} with views; the map needs at least{' '}
          {minPostsForBestTimes} to say anything. It fills in as posts go live and report views.
        </p>
      )}
      {best.posts > 0 && (
        <div className={cx(!best.enough && styles.faint)}>
          <Chart
            caption="Average views by weekday and hour of publishing"
            captionHidden
            option={option}
            height={300}
            testId="chart-best-times"
          />
        </div>
      )}
    </section>
  );
}

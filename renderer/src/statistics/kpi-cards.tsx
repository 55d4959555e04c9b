import type { Dashboard, MetricName } from '../../../shared/domain/statistics';
import {
  changeTone,
  formatChange,
  kpiChange,
  kpiDefinitions,
  type KpiDefinition,
} from '../../../shared/domain/statistics-kpis';
import { cx } from '../components/class-names';
import { plural } from '../format';
import { formatKpi } from './labels';
import styles from './overview.module.css';

const groups = [
  { id: 'posting', title: 'Posting' },
  { id: 'engagement', title: 'Engagement' },
  { id: 'generation', title: 'Rendering' },
] as const;

const arrows = { up: '▲', down: '▼', same: '■' } as const;
const metrics: readonly string[] = ['views', 'likes', 'comments', 'shares', 'saves'];

/** Why a figure is missing, or how many posts it stands for. */
function note(kpi: KpiDefinition, dashboard: Dashboard): string | null {
  const { current } = dashboard;
  if (kpi.group === 'generation' && current.renders === null) {
    return 'Renders are counted per config: clear the platform and account filters to see them.';
  }
  if (metrics.includes(kpi.id)) {
    const published = current.posts.succeeded;
    const reporting = current.engagement[kpi.id as MetricName].posts;
    if (published === 0) return 'No post published in this period.';
    if (reporting === 0) return 'Not reported by these posts’ platforms.';
    return reporting < published
      ? `Reported by ${reporting} of ${plural(published, 'post')}.`
      : `From ${plural(published, 'post')}.`;
  }
  if (kpi.value(current) === null) {
    if (kpi.id === 'engagementRate') return 'No post reports both views and interactions yet.';
    return kpi.group === 'generation'
      ? 'No render finished in this period.'
      : 'No post finished in this period.';
  }
  return null;
}

function KpiCard({ kpi, dashboard }: { kpi: KpiDefinition; dashboard: Dashboard }) {
  const value = kpi.value(dashboard.current);
  const previous = kpi.value(dashboard.previous);
  const change = kpiChange(kpi.kind, value, previous);
  const tone = changeTone(kpi, change);
  const id = `kpi-${kpi.id}-label`;
  const explanation = note(kpi, dashboard);
  return (
    <article
      className={cx('card', styles.kpi)}
      aria-labelledby={id}
      title={kpi.help}
      data-testid={`kpi-${kpi.id}`}
    >
      <h3 id={id} className={styles.kpiLabel}>
        {kpi.label}
      </h3>
      <p className={styles.kpiValue}>{formatKpi(kpi.kind, value)}</p>
      <p className={cx(styles.change, styles[tone])} data-testid="change">
        {(change.kind === 'relative' || change.kind === 'points') && (
          <span aria-hidden="true">{arrows[change.direction]} </span>
        )}
        {previous === null ? (
          <span className="muted">Nothing to compare</span>
        ) : change.kind === 'new' ? (
          <>
            <span aria-hidden="true">{arrows.up} </span>
            up from {formatKpi(kpi.kind, previous)}
            <span className="visually-hidden"> in the period before</span>
          </>
        ) : (
          <>
            {formatChange(change)}
            <span className="muted">
              {' '}
              vs {formatKpi(kpi.kind, previous)}
              <span className="visually-hidden"> in the period before</span>
            </span>
          </>
        )}
      </p>
      {explanation && <p className={cx('muted', styles.kpiNote)}>{explanation}</p>}
    </article>
  );
}

/** The key figures of the period, each with its change against the period before it. */
export function KpiCards({ dashboard }: { dashboard: Dashboard }) {
  return (
    <div className={styles.kpiGroups}>
      {groups.map((group) => (
        <div key={group.id}>
          <h2 className={styles.sectionTitle}>{group.title}</h2>
          <div className={styles.kpiGrid}>
            {kpiDefinitions
              .filter((kpi) => kpi.group === group.id)
              .map((kpi) => (
                <KpiCard key={kpi.id} kpi={kpi} dashboard={dashboard} />
              ))}
          </div>
        </div>
      ))}
    </div>
  );
}

import type { MetricsPoint } from '../../../shared/domain/distribution';
import styles from './distribution.module.css';

/** Views over time as a small inline SVG line; readings without views are skipped. */
export function Sparkline({ points, label }: { points: MetricsPoint[]; label: string }) {
  const values = points
    .filter((p): p is MetricsPoint & { views: number } => p.views !== null)
    .map((p) => ({ at: p.at, v: p.views }));
  // One reading draws no line; none with views says nothing the metrics line does not say.
  if (values.length < 2) return null;
  const width = 96;
  const height = 24;
  const minAt = values[0]!.at;
  const spanAt = Math.max(1, values[values.length - 1]!.at - minAt);
  const maxV = Math.max(1, ...values.map((p) => p.v));
  const path = values
    .map((p, i) => {
      const x = ((p.at - minAt) / spanAt) * (width - 2) + 1;
      const y = height - 1 - (p.v / maxV) * (height - 2);
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return (
    <svg
      className={styles.sparkline}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <path d={path} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

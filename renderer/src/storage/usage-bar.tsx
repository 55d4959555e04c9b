import { cx } from '../components/class-names';
import { formatBytes } from '../format';
import styles from './storage.module.css';

export interface UsageSegment {
  label: string;
  bytes: number;
  tone: 'accent' | 'others' | 'trash' | 'warn';
}

/**
 * How full a store is, in parts (ReelPilot's own, everything else, the trash) over the whole,
 * with a legend; the meter role tells assistive technology the overall share.
 */
export function UsageBar({
  label,
  segments,
  totalBytes,
}: {
  label: string;
  segments: UsageSegment[];
  totalBytes: number;
}) {
  const used = segments.reduce((sum, segment) => sum + segment.bytes, 0);
  const percent = totalBytes > 0 ? Math.min(100, (used / totalBytes) * 100) : 0;
  return (
    <div>
      <div
        className={styles.bar}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        aria-valuetext={`${formatBytes(used)} of ${formatBytes(totalBytes)} used`}
      >
        {segments.map((segment) =>
          segment.bytes > 0 ? (
            <span
              key={segment.label}
              className={cx(styles.segment, styles[segment.tone])}
              style={{
                width: `${Math.max(0.5, (segment.bytes / Math.max(totalBytes, 1)) * 100)}%`,
              }}
            />
          ) : null,
        )}
      </div>
      <ul className={styles.legend}>
        {segments.map((segment) => (
          <li key={segment.label}>
            <span className={cx(styles.swatch, styles[segment.tone])} aria-hidden="true" />
            {segment.label}: {formatBytes(segment.bytes)}
          </li>
        ))}
      </ul>
    </div>
  );
}

import type { BatchCounts } from '../../../shared/domain/batch';
import styles from './batch.module.css';

/** The share of items posted, failed and otherwise finished, as one bar. */
export function BatchProgress({ counts, label }: { counts: BatchCounts; label: string }) {
  const total = Math.max(1, counts.total);
  const done = counts.succeeded + counts.failed + counts.skipped + counts.cancelled;
  const share = (n: number) => `${(n / total) * 100}%`;
  return (
    <div
      className={styles.progress}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={counts.total}
      aria-valuenow={done}
      aria-valuetext={`${done} of ${counts.total} finished`}
    >
      <span className={styles.succeeded} style={{ width: share(counts.succeeded) }} />
      <span className={styles.failed} style={{ width: share(counts.failed) }} />
      <span className={styles.other} style={{ width: share(counts.skipped + counts.cancelled) }} />
      <span className={styles.running} style={{ width: share(counts.running) }} />
    </div>
  );
}

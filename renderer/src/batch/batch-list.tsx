import type { BatchSummary } from '../../../shared/domain/batch';
import { Badge } from '../components/badge';
import { useBatches } from '../stores/batch-store';
import { BatchProgress } from './batch-progress';
import styles from './batch.module.css';
import { batchKinds, batchLook, batchProgressLine } from './labels';

/** Every batch with its kind, progress, counts, ETA and state; a click opens it. */
export function BatchList({ batches }: { batches: BatchSummary[] }) {
  const { open } = useBatches((state) => state.actions);
  return (
    <ul className={styles.list} aria-label="Batches">
      {batches.map((batch) => {
        const look = batchLook(batch);
        return (
          <li key={batch.id} className="card" data-item-id={batch.id} data-testid="batch-row">
            <div className="row spread">
              <div>
                <h2 className={styles.name}>
                  <button type="button" className="link" onClick={() => void open(batch.id)}>
                    {batch.name}
                  </button>
                </h2>
                <span className="muted small">{batchKinds[batch.kind]}</span>
              </div>
              <Badge tone={look.tone} data-state={batch.state}>
                {look.label}
              </Badge>
            </div>
            <BatchProgress counts={batch.counts} label={`Progress of ${batch.name}`} />
            <p className="muted small" data-testid="batch-progress-line">
              {batchProgressLine(batch)}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

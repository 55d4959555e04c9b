import { useState } from 'react';
import type { BatchDetail, BatchItemState } from '../../../shared/domain/batch';
import { batchItemStates } from '../../../shared/domain/batch';
import { platformNames } from '../../../shared/domain/platforms';
import { Badge } from '../components/badge';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ScreenHeader } from '../components/screen';
import { formatShortDateTime, plural } from '../format';
import { useBatches } from '../stores/batch-store';
import { BatchProgress } from './batch-progress';
import styles from './batch.module.css';
import { batchKinds, batchLook, batchProgressLine, itemStates } from './labels';

/** One batch: its progress, what can be done with it, and its items filtered by state. */
export function BatchDetailView({ detail }: { detail: BatchDetail }) {
  const { batch, items } = detail;
  const filter = useBatches((state) => state.itemFilter);
  const busy = useBatches((state) => state.busy.has(batch.id));
  const actions = useBatches((state) => state.actions);
  const [asking, setAsking] = useState<'cancel' | 'delete' | null>(null);
  const shown = filter ? items.filter((item) => item.state === filter) : items;
  const look = batchLook(batch);
  const going = batch.state === 'running' || batch.state === 'waiting';
  const posted = batch.counts.succeeded;

  return (
    <>
      <ScreenHeader
        id="batch-title"
        title={batch.name}
        subtitle={`${batchKinds[batch.kind]} · ${plural(batch.counts.total, 'item')} · ${batch.concurrency} at a time`}
        actions={
          <button type="button" className="secondary" onClick={() => void actions.open(null)}>
            All batches
          </button>
        }
      />
      <div className="card">
        <div className="row spread">
          <Badge tone={look.tone} data-state={batch.state} data-testid="batch-state">
            {look.label}
          </Badge>
          <div className={styles.toolbar}>
            {going && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => void actions.pause(batch.id)}
              >
                Pause
              </button>
            )}
            {batch.state === 'paused' && (
              <button type="button" disabled={busy} onClick={() => void actions.resume(batch.id)}>
                Resume
              </button>
            )}
            {batch.counts.failed > 0 && batch.state !== 'cancelled' && (
              <button type="button" disabled={busy} onClick={() => void actions.retry(batch.id)}>
                Retry {plural(batch.counts.failed, 'failed item')}
              </button>
            )}
            <button
              type="button"
              className="secondary"
              onClick={() => void actions.exportResults(batch.id, 'csv')}
            >
              Export CSV
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => void actions.exportResults(batch.id, 'json')}
            >
              Export JSON
            </button>
            {(going || batch.state === 'paused') && (
              <button
                type="button"
                className="danger"
                disabled={busy}
                onClick={() => setAsking('cancel')}
              >
                Cancel batch…
              </button>
            )}
            <button type="button" className="secondary" onClick={() => setAsking('delete')}>
              Delete…
            </button>
          </div>
        </div>
        <BatchProgress counts={batch.counts} label={`Progress of ${batch.name}`} />
        <p className="muted small" data-testid="batch-progress-line">
          {batchProgressLine(batch)}
        </p>
        {batch.state === 'paused' && (
          <p className="small">Paused: items already started finish; no new item starts.</p>
        )}
        {batch.state === 'cancelled' && posted > 0 && (
          <p className="small">
            {plural(posted, 'post')} went out before the batch was cancelled and stay posted:
            cancelling never takes a post down.
          </p>
        )}
      </div>

      <div className={styles.chips} role="group" aria-label="Show items">
        <button
          type="button"
          className="secondary small"
          aria-pressed={filter === ''}
          onClick={() => actions.setItemFilter('')}
        >
          All {items.length}
        </button>
        {batchItemStates.map((state: BatchItemState) => {
          const count = batch.counts[state];
          if (count === 0 && filter !== state) return null;
          return (
            <button
              key={state}
              type="button"
              className="secondary small"
              aria-pressed={filter === state}
              onClick={() => actions.setItemFilter(state)}
            >
              {itemStates[state].label} {count}
            </button>
          );
        })}
      </div>

      {shown.length === 0 ? (
        <p className="muted">
          No item is {filter ? itemStates[filter].label.toLowerCase() : 'here'}.
        </p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table} aria-label="Items">
            <thead>
              <tr>
                <th>{batch.kind === 'csv' ? 'Row' : '#'}</th>
                <th>Account</th>
                <th>Video</th>
                <th>Planned</th>
                <th>State</th>
                <th>What happened</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={item.id} data-testid="batch-item" data-item-id={item.id}>
                  <td>{item.rowNumber ?? item.position + 1}</td>
                  <td>
                    {item.accountId === null
                      ? 'The config’s accounts'
                      : (item.accountHandle ?? 'Removed account')}
                    {item.platform && (
                      <div className="muted small">{platformNames[item.platform]}</div>
                    )}
                  </td>
                  <td className={styles.caption} title={item.post.caption}>
                    {item.mediaName}
                    {batch.kind !== 'generate' && (
                      <div className="muted small">{item.post.caption || 'No caption'}</div>
                    )}
                  </td>
                  <td>
                    {item.plannedAt === null
                      ? batch.kind === 'generate'
                        ? 'When rendered'
                        : 'Next free slot'
                      : formatShortDateTime(item.plannedAt)}
                  </td>
                  <td>
                    <Badge tone={itemStates[item.state].tone} data-state={item.state}>
                      {itemStates[item.state].label}
                    </Badge>
                  </td>
                  <td>
                    {item.message}
                    {item.postUrl && (
                      <div>
                        <a href={item.postUrl} target="_blank" rel="noreferrer">
                          Open the post
                        </a>
                      </div>
                    )}
                    {item.state === 'failed' && batch.state !== 'cancelled' && (
                      <div>
                        <button
                          type="button"
                          className="secondary small"
                          disabled={busy}
                          onClick={() => void actions.retry(batch.id, [item.id])}
                        >
                          Retry
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <ConfirmDialog
        open={asking === 'cancel'}
        title={`Cancel ${batch.name}?`}
        body={`Items not started will not post; a post being uploaded finishes. ${
          posted > 0
            ? `${plural(posted, 'post')} already out stay${posted === 1 ? 's' : ''} posted: cancelling never takes a post down.`
            : 'Nothing has been posted yet.'
        }`}
        confirmLabel="Cancel the batch"
        cancelLabel="Keep it going"
        busy={busy}
        onConfirm={() => {
          setAsking(null);
          void actions.cancel(batch.id);
        }}
        onCancel={() => setAsking(null)}
      />
      <ConfirmDialog
        open={asking === 'delete'}
        title={`Delete ${batch.name}?`}
        body={`The batch and its list of items go away${going || batch.state === 'paused' ? ' (items not started are cancelled first)' : ''}. Its videos stay in the library and its posts stay posted and listed in Distribution.`}
        confirmLabel="Delete the batch"
        busy={busy}
        onConfirm={() => {
          setAsking(null);
          void actions.remove(batch.id);
        }}
        onCancel={() => setAsking(null)}
      />
    </>
  );
}

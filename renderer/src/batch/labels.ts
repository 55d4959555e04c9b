import type {
  BatchItemState,
  BatchKind,
  BatchState,
  BatchSummary,
} from '../../../shared/domain/batch';
import type { StateLook } from '../components/badge';
import { formatShortDateTime, plural } from '../format';

export const batchKinds: Record<BatchKind, string> = {
  distribute: 'Distribute',
  csv: 'CSV import',
  generate: 'Generate',
};

export const batchStates: Record<BatchState, StateLook> = {
  waiting: { label: 'Starts later', tone: 'muted' },
  running: { label: 'Running', tone: 'accent' },
  paused: { label: 'Paused', tone: 'warning' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  done: { label: 'Done', tone: 'ok' },
};

export const itemStates: Record<BatchItemState, StateLook> = {
  pending: { label: 'Pending', tone: 'muted' },
  running: { label: 'Running', tone: 'accent' },
  succeeded: { label: 'Posted', tone: 'ok' },
  failed: { label: 'Failed', tone: 'danger' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

/** How a finished batch reads: done with failures is not the same as done. */
export function batchLook(batch: BatchSummary): StateLook {
  if (batch.state === 'done' && batch.counts.failed > 0)
    return { label: `Done, ${batch.counts.failed} failed`, tone: 'danger' };
  return batchStates[batch.state];
}

/** Time left in words: "about 3 min left", "about 2 h 10 min left", "about 4 days left". */
export function formatEta(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `about ${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''} left`;
  return `about ${Math.round(hours / 24)} days left`;
}

/** The line under a batch's name: counts, the ETA or when it starts or ended. */
export function batchProgressLine(batch: BatchSummary): string {
  const { counts } = batch;
  const finished = counts.succeeded + counts.failed + counts.skipped + counts.cancelled;
  const parts = [`${finished} of ${plural(counts.total, 'item')} finished`];
  if (counts.succeeded) parts.push(`${counts.succeeded} posted`);
  if (counts.failed) parts.push(`${counts.failed} failed`);
  if (counts.skipped) parts.push(`${counts.skipped} skipped`);
  if (counts.cancelled) parts.push(`${counts.cancelled} cancelled`);
  if (batch.state === 'waiting') parts.push(`starts ${formatShortDateTime(batch.startAt)}`);
  else if ((batch.state === 'running' || batch.state === 'paused') && batch.etaMs !== null)
    parts.push(formatEta(batch.etaMs));
  else if (batch.finishedAt !== null && batch.state === 'done')
    parts.push(`ended ${formatShortDateTime(batch.finishedAt)}`);
  return parts.join(' · ');
}

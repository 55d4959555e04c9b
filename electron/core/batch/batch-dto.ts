import type {
  BatchCounts,
  BatchItem,
  BatchItemState,
  BatchPost,
  BatchSummary,
} from '../../../shared/domain/batch';
import { batchPostSchema } from '../../../shared/domain/batch';
import type { Account } from '../../../shared/domain/accounts';
import type { BatchItemRow, BatchRow } from '../db/schema';
import { dayClockIn } from '../time/zoned-time';
import type { ItemTarget } from './batch-repository';

export function postOf(row: BatchItemRow): BatchPost {
  return batchPostSchema.parse(JSON.parse(row.post));
}

/** An item's state and words from its post, once handed to distribution. */
export function followTarget(
  target: ItemTarget,
  timeZone: string,
): { state: BatchItemState; message: string | null } {
  switch (target.state) {
    case 'success':
      return { state: 'succeeded', message: 'Posted.' };
    case 'failed':
      return { state: 'failed', message: target.error_message ?? 'The post failed.' };
    case 'processing':
      return { state: 'running', message: 'Posting…' };
    default:
      if (target.waiting_until !== null) {
        const why = target.error_message?.replace(/^Waiting: /, '') ?? null;
        return {
          state: 'running',
          message: `Its slot was refused when posting; it moved to ${dayClockIn(target.waiting_until, timeZone)}${why ? `: ${why}` : '.'}`,
        };
      }
      return { state: 'running', message: 'Waiting for its upload to start.' };
  }
}

export function toItemDto(
  row: BatchItemRow,
  accounts: ReadonlyMap<string, Account>,
  target: ItemTarget | undefined,
): BatchItem {
  return {
    id: row.id,
    batchId: row.batch_id,
    position: row.position,
    rowNumber: row.row_number,
    externalId: row.external_id,
    accountId: row.account_id,
    accountHandle: row.account_id ? (accounts.get(row.account_id)?.handle ?? null) : null,
    platform: row.platform,
    mediaId: row.media_id,
    mediaName: row.media_name,
    post: postOf(row),
    plannedAt: row.planned_at,
    state: row.state,
    message: row.message,
    targetId: row.target_id,
    topic: row.topic,
    runId: row.run_id,
    postUrl: target?.url ?? null,
    publishedAt: target?.published_at ?? null,
    updatedAt: row.updated_at,
  };
}

/**
 * Time left: the items not final at the rate observed so far (finished items over the time
 * since the first started), and never before the last planned post.
 */
export function etaOf(
  counts: BatchCounts,
  pace: { firstStart: number | null; lastFinish: number | null; finished: number | null },
  lastPlanned: number | null,
  now: number,
): number | null {
  const left = counts.pending + counts.running;
  if (left === 0) return null;
  const planned = lastPlanned !== null ? Math.max(0, lastPlanned - now) : 0;
  const finished = Number(pace.finished ?? 0);
  if (pace.firstStart === null || finished < 2) return lastPlanned !== null ? planned : null;
  const elapsed = Math.max(1, (pace.lastFinish ?? now) - pace.firstStart);
  const rate = finished / elapsed;
  return Math.round(Math.max(planned, left / rate));
}

export function toSummary(
  row: BatchRow,
  counts: BatchCounts,
  etaMs: number | null,
  lastPlannedAt: number | null,
): BatchSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    state: row.state,
    concurrency: row.concurrency,
    startAt: row.start_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    counts,
    etaMs,
    lastPlannedAt,
  };
}

import type { JobSummary } from '../../../shared/domain/jobs';
import type { JobRow } from '../db/schema';

/** A job row as the UI and the handlers' callers see it. */
export function toJobSummary(row: JobRow): JobSummary {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    priority: row.priority,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    progress: row.progress,
    progressMessage: row.progress_message,
    lastError: row.last_error,
    notBefore: row.not_before,
    cancelRequested: row.cancel_requested === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

import type { Generated } from 'kysely';

export interface JobsTable {
  id: string;
  kind: string;
  idempotency_key: string | null;
  /** JSON text of the job's data; the handler's `parseData` reads it. */
  data: string;
  state: 'queued' | 'running' | 'succeeded' | 'dead' | 'cancelled';
  priority: Generated<number>;
  attempts: Generated<number>;
  max_attempts: number;
  not_before: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  cancel_requested: Generated<number>;
  progress: number | null;
  progress_message: string | null;
  last_error: string | null;
  /** JSON text of what the handler returned. */
  result: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  /** The token of the attempt holding the lease; every write of a running job names it. */
  lease_token: string | null;
}

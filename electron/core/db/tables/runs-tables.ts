import type { Generated } from 'kysely';

export interface ConfigRunsTable {
  id: string;
  config_id: string;
  trigger: 'schedule' | 'catchUp' | 'manual';
  scheduled_for: number | null;
  missed_count: Generated<number>;
  state: 'pending' | 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled';
  /** JSON text of the whole config as it was when the run started. */
  snapshot: string;
  error: string | null;
  created_at: number;
  finished_at: number | null;
  /** A caller's key (a generate batch item's): one run per key, ever. NULL for other runs. */
  request_key: Generated<string | null>;
}

export interface ConfigRunVideosTable {
  id: string;
  run_id: string;
  position: number;
  state: 'queued' | 'rendering' | 'rendered' | 'failed' | 'cancelled';
  job_id: string | null;
  /** JSON array of account ids. */
  account_ids: string;
  /** JSON array of media ids used. */
  media_ids: Generated<string>;
  progress: Generated<number>;
  output_path: string | null;
  duration_ms: number | null;
  /** Wall-clock time the render took; null before it finished, or when it was not kept. */
  render_ms: Generated<number | null>;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

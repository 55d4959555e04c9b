import type { Generated } from 'kysely';

export type BatchKindColumn = 'distribute' | 'csv' | 'generate';
export type BatchStateColumn = 'waiting' | 'running' | 'paused' | 'cancelled' | 'done';
export type BatchItemStateColumn =
  'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface BatchesTable {
  id: string;
  name: string;
  kind: BatchKindColumn;
  state: BatchStateColumn;
  concurrency: number;
  priority: number;
  start_at: number;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  /** Generate batches: JSON GenerateSettings (config, text templates, posting); else NULL. */
  generate: string | null;
}

export interface BatchItemsTable {
  id: string;
  batch_id: string;
  position: number;
  /** The CSV line (header = 1); NULL for other kinds. */
  row_number: number | null;
  /**
   * What makes a re-import idempotent: `ext:<external_id>`, `row:<hash of the row>` or
   * `media:<media id>`. Unique with the account: one item per (key, account), ever.
   */
  row_key: string;
  external_id: string | null;
  /** NULL for a generate item (its run's config assigns the accounts). */
  account_id: string | null;
  platform: 'tiktok' | 'youtube' | 'instagram' | 'facebook' | 'x' | null;
  /** The library item; NULL until a file path given in the CSV is imported. */
  media_id: string | null;
  media_path: string | null;
  media_name: string;
  /** JSON BatchPost: title, caption, hashtags, privacy. */
  post: string;
  planned_at: number | null;
  state: BatchItemStateColumn;
  message: string | null;
  /** Bumped by retry and resume: the item's job key changes with it. */
  round: Generated<number>;
  job_id: string | null;
  target_id: string | null;
  /** Generate items: the topic line (NULL for a count), and the run started under its key. */
  topic: string | null;
  run_id: string | null;
  started_at: number | null;
  finished_at: number | null;
  created_at: number;
  updated_at: number;
}

import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as the app sees it today. Migrations never import this: they are frozen and
 * written against `Kysely<any>`, while these types follow the latest schema.
 */
export interface SettingsTable {
  key: string;
  /** JSON text of the value. */
  value: string;
  updated_at: number;
}

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
}

export interface ConfigsTable {
  id: string;
  name: string;
  /** JSON text of the config without its name (schedule, content, platforms, distribution). */
  definition: string;
  active: number;
  next_run_at: number | null;
  distribution_cursor: Generated<number>;
  media_cursor: Generated<number>;
  created_at: number;
  updated_at: number;
}

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
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface Database {
  settings: SettingsTable;
  jobs: JobsTable;
  configs: ConfigsTable;
  config_runs: ConfigRunsTable;
  config_run_videos: ConfigRunVideosTable;
}

export type SettingRow = Selectable<SettingsTable>;
export type NewSettingRow = Insertable<SettingsTable>;
export type SettingUpdate = Updateable<SettingsTable>;

export type JobRow = Selectable<JobsTable>;
export type NewJobRow = Insertable<JobsTable>;
export type ConfigRow = Selectable<ConfigsTable>;
export type NewConfigRow = Insertable<ConfigsTable>;
export type ConfigRunRow = Selectable<ConfigRunsTable>;
export type NewConfigRunRow = Insertable<ConfigRunsTable>;
export type ConfigRunVideoRow = Selectable<ConfigRunVideosTable>;
export type NewConfigRunVideoRow = Insertable<ConfigRunVideosTable>;
export type ConfigRunVideoUpdate = Updateable<ConfigRunVideosTable>;

import type { Generated } from 'kysely';

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

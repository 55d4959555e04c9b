import type { Generated } from 'kysely';

export interface AccountsTable {
  id: string;
  platform: string;
  remote_id: string;
  handle: string;
  display_name: string;
  avatar_url: string | null;
  status: string;
  status_reason: string | null;
  audience: string;
  /** JSON array of granted scopes (a fact, not a secret). */
  scopes: string;
  access_expires_at: number | null;
  refresh_expires_at: number | null;
  limit_per_hour: number | null;
  limit_per_day: number | null;
  min_gap_minutes: number | null;
  posts_total: number;
  errors_total: number;
  consecutive_errors: number;
  cost_total_usd: number;
  rate_limited_until: number | null;
  last_post_at: number | null;
  last_error_at: number | null;
  last_tested_at: number | null;
  connected_at: number;
  updated_at: number;
}

export interface AccountPostsTable {
  id: string;
  account_id: string;
  platform: string;
  account_handle: string;
  posted_at: number;
  remote_post_id: string | null;
  cost_usd: number;
  note: string | null;
  /** `reserved`: a slot held by an upload under way (counted by pacing like a post). */
  state: Generated<'reserved' | 'posted'>;
  /** Who holds the reservation (the target); NULL for posts recorded without one. */
  reservation_key: string | null;
}

export interface AccountErrorsTable {
  id: string;
  account_id: string;
  platform: string;
  account_handle: string;
  occurred_at: number;
  kind: string;
  code: string | null;
  message: string;
}

export interface PlatformAppsTable {
  platform: string;
  client_id: string | null;
  updated_at: number;
}

export interface AccountsConfigTable {
  key: string;
  value: string;
  updated_at: number;
}

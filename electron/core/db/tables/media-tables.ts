import type { Generated } from 'kysely';

export interface MediaItemsTable {
  id: string;
  path: string;
  name: string;
  kind: string;
  size: number;
  content_hash: string;
  mime: string;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  rotation: Generated<number>;
  video_codec: string | null;
  audio_codec: string | null;
  frame_rate: number | null;
  /** JSON array of strings. */
  tags: Generated<string>;
  origin: string;
  imported_at: number;
  modified_at: number;
  /** 0 or 1. */
  missing: Generated<number>;
  missing_since: number | null;
  thumbnail_state: Generated<string>;
  thumbnail_error: string | null;
}

export interface MediaAliasesTable {
  path: string;
  media_id: string;
  added_at: number;
}

export interface MediaWatchedFoldersTable {
  path: string;
  added_at: number;
}

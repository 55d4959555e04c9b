import type { Generated } from 'kysely';

/** A Drive folder ReelPilot made, by what it is for: `root`, `backups`, `renders/2025-01`. */
export interface DriveFoldersTable {
  key: string;
  folder_id: string;
  name: string;
  web_link: string | null;
  updated_at: number;
}

export type DriveUploadKind = 'render' | 'backup';
export type DriveWaitReason = 'connection' | 'space' | 'rate';
export type DriveUploadState = 'queued' | 'uploading' | 'waiting' | 'done' | 'failed' | 'cancelled';

/** One file sent to Drive; its id is the file's `reelpilotId` app property. */
export interface DriveUploadsTable {
  id: string;
  kind: DriveUploadKind;
  source_id: string;
  file_path: string;
  name: string;
  mime_type: string;
  folder_key: string;
  size_bytes: number;
  /** JSON object of string app properties. */
  app_properties: string;
  state: DriveUploadState;
  /** JSON of the resumable session ({sessionUri, offset}); null before one exists. */
  session: string | null;
  sent_bytes: Generated<number>;
  drive_file_id: string | null;
  web_link: string | null;
  wait_reason: DriveWaitReason | null;
  /** Why it waits or failed, in words. */
  message: string | null;
  /** How many jobs were queued for it (each a new idempotency key). */
  attempts: Generated<number>;
  job_id: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface DriveApiUsageTable {
  /** YYYY-MM-DD in Pacific time. */
  day: string;
  calls: Generated<number>;
  uploaded_bytes: Generated<number>;
  updated_at: number;
}

/** What a domain remembers besides its rows, as JSON by key. */
export interface KeyValueTable {
  key: string;
  value: string;
  updated_at: number;
}

import type { Generated } from 'kysely';

export interface DistributionVideosTable {
  id: string;
  run_video_id: string | null;
  config_id: string | null;
  title: string;
  file_path: string;
  /** JSON of the probed VideoFacts (size, duration, dimensions, frame rate, MIME type). */
  facts: string;
  created_at: number;
}

export type TargetState = 'pending' | 'processing' | 'success' | 'failed';

export interface DistributionTargetsTable {
  id: string;
  video_id: string;
  account_id: string;
  platform: 'tiktok' | 'youtube' | 'instagram' | 'facebook' | 'x';
  state: TargetState;
  /** JSON of the adapter's PostSettings (title, caption, privacy, tags). */
  settings: string;
  file_path: string | null;
  /** JSON VideoFacts of the variant in `file_path`; NULL: the video's own facts. */
  facts: string | null;
  /** JSON of the adapter's saved resumable state (session URI, publish id, container id…). */
  upload_state: string | null;
  phase: string | null;
  sent_bytes: Generated<number>;
  total_bytes: Generated<number>;
  tracking_id: string | null;
  remote_id: string | null;
  url: string | null;
  notices: Generated<string>;
  error_kind: 'auth' | 'rate' | 'transient' | 'content' | 'unknown' | null;
  error_message: string | null;
  attempts: Generated<number>;
  manual_retries: Generated<number>;
  waiting_until: number | null;
  job_id: string | null;
  published_at: number | null;
  metrics_at: number | null;
  created_at: number;
  updated_at: number;
  /** The lease token of the upload attempt working on the target; its writes are fenced by it. */
  lease_token: string | null;
  /** Set durably right before an irreversible call; cleared once its outcome is known. */
  irreversible_at: number | null;
  /** Since when the engine looks for a post that may or may not exist (shown as `verifying`). */
  verify_since: number | null;
  /** Since when the platform has been processing the video (the processing deadline). */
  processing_since: number | null;
  /** Not posted before this time: the person moved the post (NULL: when pacing allows). */
  not_before: number | null;
}

/** Who changed a post: the desktop app, a browser through the host, or the engine itself. */
export type ChangeSource = 'ipc' | 'http' | 'internal';

export interface DistributionTargetChangesTable {
  id: string;
  target_id: string;
  kind: 'text' | 'time';
  at: number;
  by: ChangeSource;
  /** JSON of the post's text and privacy (kind text) or `{ notBefore }` (kind time). */
  before: string;
  after: string;
  /** Kind text: the saved upload was kept, restarted (its step redone) or there was none. */
  upload: 'kept' | 'restarted' | 'none' | null;
}

export interface PostMetricsTable {
  id: Generated<number>;
  target_id: string;
  at: number;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
}

import type { PlatformId } from '../../../shared/domain/platforms';
import type { ErrorKind } from './error-classification';

/** What the renderer measured about a rendered video (ffprobe), enough to check platform rules. */
export interface VideoFacts {
  path: string;
  sizeBytes: number;
  durationSec: number;
  width: number;
  height: number;
  fps: number;
  mimeType: string;
}

export type Privacy = 'public' | 'unlisted' | 'private' | 'friends';

/** What the user chose for one post on one platform. */
export interface PostSettings {
  /** Title (YouTube) or the caption's first line; platforms without titles ignore it. */
  title?: string;
  caption: string;
  privacy: Privacy;
  madeForKids?: boolean;
  tags?: string[];
  /** TikTok's own privacy level, chosen from the creator_info options offered in the UI. */
  tiktokPrivacyLevel?: string;
  disableComments?: boolean;
}

export interface PublishJob {
  /** Stable id of the post attempt; used in logs and as the key of the saved state. */
  id: string;
  /** The platform's id of the account or page the post goes to (IG user id, Page id). */
  targetId?: string;
  video: VideoFacts;
  settings: PostSettings;
  /** What the last run saved with `saveState`, or undefined for a fresh upload. */
  state?: unknown;
}

export interface UploadProgress {
  phase: 'preparing' | 'uploading' | 'processing' | 'publishing' | 'done';
  sentBytes: number;
  totalBytes: number;
}

export interface PublishContext {
  /** The accounts service owns tokens: it refreshes on `forceRefresh` and stores rotated ones. */
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** Persists the adapter's resumable state; awaited before the step it protects. */
  saveState(state: unknown): Promise<void>;
  onProgress?(progress: UploadProgress): void;
  signal?: AbortSignal;
}

/** What reading a post's status or metrics needs: a token, and a way to give up. */
export type ReadContext = Pick<PublishContext, 'getAccessToken' | 'signal'>;

export interface PublishResult {
  /** The id to pass to `status()`: the post id, or TikTok's publish id until moderation ends. */
  trackingId: string;
  /** Known once the platform has published the post. */
  platformPostId?: string;
  url?: string;
  /** `processing` when the platform was still working after the last poll; track it later. */
  state: 'published' | 'processing';
  /** What the user should know although the post went out (e.g. YouTube kept it private). */
  notices?: string[];
}

export type PostStatus =
  | { state: 'processing'; detail?: string }
  | { state: 'published'; platformPostId: string; url?: string }
  | { state: 'failed'; kind: ErrorKind; message: string };

/** Engagement as the platform reports it; a value the platform did not give stays undefined. */
export interface PostMetrics {
  views?: number;
  likes?: number;
  comments?: number;
  shares?: number;
  saves?: number;
  reach?: number;
  impressions?: number;
}

export interface ValidationProblem {
  field: 'duration' | 'size' | 'dimensions' | 'frameRate' | 'caption' | 'title' | 'tags' | 'format';
  message: string;
}

/**
 * What changing a post's title, caption or privacy means once an attempt saved upload state
 * (docs/distribution.md, "Editing a post"):
 * - `keep`: the text goes with a later step; the saved upload is kept.
 * - `restart`: the text went with a step whose result never becomes a post by itself; the saved
 *   state is dropped and the upload starts over with the new text.
 * - `refuse`: the platform may already have the post, or be making it, with the old text.
 */
export type TextEditPlan =
  { kind: 'keep' } | { kind: 'restart' } | { kind: 'refuse'; reason: string };

export interface TextEditQuestion {
  /** What the last attempt saved with `saveState`; undefined when nothing was sent yet. */
  state: unknown;
  /** The platform refused this post for its content: it made no post of it. */
  refused: boolean;
  video: Pick<VideoFacts, 'sizeBytes'>;
}

export interface PlatformAdapter {
  readonly platform: PlatformId;
  /** Problems that would make the platform refuse the post; empty when it may be uploaded. */
  validate(video: VideoFacts, settings: PostSettings): ValidationProblem[];
  /** Uploads and publishes; continues from `job.state` when given. Throws `PlatformError`. */
  publish(job: PublishJob, context: PublishContext): Promise<PublishResult>;
  status(trackingId: string, context: ReadContext): Promise<PostStatus>;
  metrics(platformPostId: string, context: ReadContext): Promise<PostMetrics>;
  /** Whether the post's text may still change after what the last attempt saved, and how. */
  textEditPlan(question: TextEditQuestion): TextEditPlan;
}

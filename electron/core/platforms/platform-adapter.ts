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
  /**
   * Persists the adapter's resumable state; awaited before the step it protects. Saved after a
   * `beforeIrreversible`, it also records that the outcome of that call is known.
   */
  saveState(state: unknown): Promise<void>;
  /**
   * Right before every call that creates the post (X's tweet, Instagram's media_publish,
   * Facebook's finish, TikTok's last chunk, YouTube's final chunk): saves `state` as a durable
   * marker (on disk before this resolves) and confirms in the database that this attempt still
   * owns the post (fencing). Throws when it does not: the call must not be made. After a crash,
   * `publish()` finds the marker in `job.state` and looks for the post before calling again.
   */
  beforeIrreversible(state: unknown): Promise<void>;
  onProgress?(progress: UploadProgress): void;
  signal?: AbortSignal;
}

/** What reading a post's status or metrics needs: a token, and a way to give up. */
export type ReadContext = Pick<PublishContext, 'getAccessToken' | 'signal'>;

/**
 * How a `publish()` call ended. `published` and `processing` come only after the irreversible
 * call: the post exists. `waiting` comes before it: the platform is still preparing the upload
 * (a container, a media), nothing is posted, and `publish()` is called again later, continuing
 * from the saved state; a container or media id is never a post id.
 */
export type PublishResult =
  | {
      state: 'published';
      /** The id `status()` takes: the post id, or TikTok's publish id. */
      trackingId: string;
      platformPostId: string;
      url?: string;
      /** What the user should know although the post went out (e.g. YouTube kept it private). */
      notices?: string[];
    }
  | {
      /** The post exists and the platform is still processing it: ask `status(trackingId)`. */
      state: 'processing';
      trackingId: string;
      notices?: string[];
    }
  | {
      /** Nothing posted yet: the platform is still processing the upload. */
      state: 'waiting';
      detail: string;
    };

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
  /** The state of a post `publish()` created (its `trackingId`), never of a container or media. */
  status(trackingId: string, context: ReadContext): Promise<PostStatus>;
  metrics(platformPostId: string, context: ReadContext): Promise<PostMetrics>;
  /** Whether the post's text may still change after what the last attempt saved, and how. */
  textEditPlan(question: TextEditQuestion): TextEditPlan;
}

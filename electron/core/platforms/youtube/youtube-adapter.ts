import { z } from 'zod';
import { PlatformAdapterBase, textEdit, type AdapterOptions } from '../adapter-base';
import { isPlatformError, transientError, unknownOutcomeError } from '../error-classification';
import { googleFailure } from '../google/google-errors';
import {
  defaultResumableChunkBytes,
  resumableStateSchema,
  runResumableUpload,
  SESSION_GONE_AFTER_FINAL,
  validateChunkSize,
  type ResumableState,
} from '../google/resumable-upload';
import { assertLookupSettled, duringLookup } from '../irreversible-call';
import { httpRequest, tryJson } from '../http/http-request';
import type {
  PostMetrics,
  PostSettings,
  PostStatus,
  PublishContext,
  PublishJob,
  PublishResult,
  ReadContext,
  TextEditPlan,
  TextEditQuestion,
} from '../platform-adapter';
import { withRetry } from '../upload-runtime';

/*
 * Why node:http and not google-auth-library's OAuth2Client.request(): the client would own the
 * token (refreshing with credentials the accounts service keeps to itself) and gaxios retries by
 * replaying the request, which cannot work for a body streamed from disk. The protocol needs a
 * chunk streamed with an exact Content-Length, the raw 308 + Range answer and a reset surfacing
 * as such; the injected `getAccessToken` supplies the Bearer token (refreshed by the accounts
 * service, which is built on google-auth-library).
 */

export interface YouTubeAdapterOptions extends AdapterOptions {
  /**
   * A multiple of 256 KiB; 64 MiB by default. The protocol waits for each chunk's 308 before the
   * next one, an idle pipe the bench measures (ratio to a raw PUT: about 0.7 with 8-16 MiB
   * chunks, 0.9 with 64 MiB). Chunks cost no memory (streamed), and after a broken connection
   * the probe resumes from what the server kept, so a large chunk is not resent whole.
   */
  chunkBytes?: number;
  /** YouTube category id; 22 is "People & Blogs". */
  categoryId?: string;
}

const stateSchema = z.union([
  z.object({ step: z.literal('uploading'), session: resumableStateSchema }),
  z.object({
    step: z.literal('uploaded'),
    videoId: z.string(),
    privacyStatus: z.string().optional(),
  }),
]);
type YouTubeState = z.infer<typeof stateSchema>;

/** `search.list?forMine=true&type=video`: the channel's uploads, newest first. */
const searchSchema = z.object({
  items: z.array(
    z.object({
      id: z.object({ videoId: z.string().optional() }),
      snippet: z
        .object({ title: z.string().optional(), description: z.string().optional() })
        .optional(),
    }),
  ),
});

const videoResourceSchema = z.object({
  id: z.string(),
  status: z.object({ privacyStatus: z.string().optional() }).optional(),
});
const listSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      status: z
        .object({
          uploadStatus: z.string().optional(),
          failureReason: z.string().optional(),
          rejectionReason: z.string().optional(),
        })
        .optional(),
      processingDetails: z
        .object({
          processingStatus: z.string().optional(),
          processingFailureReason: z.string().optional(),
        })
        .optional(),
      statistics: z
        .object({
          viewCount: z.string().optional(),
          likeCount: z.string().optional(),
          commentCount: z.string().optional(),
        })
        .optional(),
    }),
  ),
});

function privacyStatus(settings: PostSettings): 'public' | 'unlisted' | 'private' {
  return settings.privacy === 'friends' ? 'private' : settings.privacy;
}

function count(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

export class YouTubeAdapter extends PlatformAdapterBase<'youtube', YouTubeAdapterOptions> {
  private readonly chunkBytes: number;

  constructor(options: YouTubeAdapterOptions = {}) {
    super('youtube', options);
    this.chunkBytes = options.chunkBytes ?? defaultResumableChunkBytes;
    validateChunkSize(this.chunkBytes);
  }

  async publish(job: PublishJob, context: PublishContext): Promise<PublishResult> {
    const saved = job.state === undefined ? undefined : stateSchema.parse(job.state);
    const total = job.video.sizeBytes;
    let videoId = saved?.step === 'uploaded' ? saved.videoId : undefined;
    let privacy = saved?.step === 'uploaded' ? saved.privacyStatus : undefined;
    if (videoId === undefined) {
      const metadata = {
        snippet: {
          title: job.settings.title ?? job.settings.caption.slice(0, 100),
          description: job.settings.caption,
          tags: job.settings.tags ?? [],
          categoryId: this.options.categoryId ?? '22',
        },
        status: {
          privacyStatus: privacyStatus(job.settings),
          selfDeclaredMadeForKids: job.settings.madeForKids ?? false,
        },
      };
      context.onProgress?.({ phase: 'uploading', sentBytes: 0, totalBytes: total });
      const upload = (session: ResumableState | undefined) =>
        runResumableUpload(
          {
            service: 'youtube',
            runtime: this.runtime,
            tokens: this.tokens(context),
            signal: context.signal,
            filePath: job.video.path,
            totalBytes: total,
            contentType: job.video.mimeType,
            chunkBytes: this.chunkBytes,
            sessionUrl: `${this.endpoints.uploadBaseUrl}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`,
            metadata,
            saveState: (next) =>
              context.saveState({ step: 'uploading', session: next } satisfies YouTubeState),
            beforeFinal: (next) => {
              finalAt = next.finalAt;
              return context.beforeIrreversible({
                step: 'uploading',
                session: next,
              } satisfies YouTubeState);
            },
            onProgress: (sentBytes) =>
              context.onProgress?.({ phase: 'uploading', sentBytes, totalBytes: total }),
          },
          session,
        );
      let finalAt = saved?.step === 'uploading' ? saved.session.finalAt : undefined;
      let done: unknown;
      try {
        done = await upload(saved?.step === 'uploading' ? saved.session : undefined);
      } catch (error) {
        if (!isPlatformError(error) || error.reason !== SESSION_GONE_AFTER_FINAL) throw error;
        // The session is gone after its final chunk was sent: the channel's uploads say
        // whether the video was made; only when it is not there is it uploaded again.
        assertLookupSettled('youtube', this.runtime, finalAt ?? 0);
        const found = await this.findUpload(metadata.snippet, finalAt ?? 0, context);
        done = found ? { id: found } : await upload(undefined);
      }
      const parsed = videoResourceSchema.safeParse(done);
      if (!parsed.success)
        throw transientError('youtube', 'the finished upload was answered without a video id');
      videoId = parsed.data.id;
      privacy = parsed.data.status?.privacyStatus;
      await context.saveState({
        step: 'uploaded',
        videoId,
        privacyStatus: privacy,
      } satisfies YouTubeState);
    }
    const wanted = privacyStatus(job.settings);
    // Videos uploaded by an unverified API project are locked private, whatever was asked.
    const notices =
      privacy === 'private' && wanted !== 'private'
        ? [
            `YouTube kept the video private instead of ${wanted}: the Google API project is not verified, and unverified projects can only upload private videos. Change its visibility in YouTube Studio, or use a verified project.`,
          ]
        : undefined;
    const published = await this.waitUntilPublished(videoId, total, context);
    return published
      ? {
          state: 'published',
          trackingId: videoId,
          platformPostId: videoId,
          url: published.url,
          ...(notices ? { notices } : {}),
        }
      : { state: 'processing', trackingId: videoId, ...(notices ? { notices } : {}) };
  }

  /**
   * The title, description, tags and privacy go with the request that opens the upload session.
   * YouTube makes the video when the session's last byte arrives, so until the last chunk could
   * have been sent the session is dropped and a new one carries the new text.
   */
  textEditPlan({ state, refused, video }: TextEditQuestion): TextEditPlan {
    if (state === undefined) return textEdit.keep;
    const saved = stateSchema.safeParse(state);
    if (!saved.success) return textEdit.unreadable;
    if (refused) return textEdit.restart;
    if (
      saved.data.step === 'uploading' &&
      saved.data.session.offset + this.chunkBytes < video.sizeBytes
    )
      return textEdit.restart;
    return textEdit.refuse(
      saved.data.step === 'uploaded'
        ? 'The video is already on YouTube with the old title and description. Change them in YouTube Studio, or retry the post as it is.'
        : 'YouTube took the title and description when this upload started, and it may already have the whole video. Retry the post as it is.',
    );
  }

  /** Our video among the channel's recent uploads (title and description), or null. */
  private async findUpload(
    snippet: { title: string; description: string },
    at: number,
    context: ReadContext,
  ): Promise<string | null> {
    // An hour's margin for a clock that differs from YouTube's.
    const since = new Date(Math.max(0, at - 3_600_000)).toISOString();
    const answer = await duringLookup('youtube', () =>
      this.get(
        `/youtube/v3/search?part=snippet&forMine=true&type=video&order=date&maxResults=50&publishedAfter=${encodeURIComponent(since)}`,
        context,
      ),
    );
    const parsed = searchSchema.safeParse(tryJson(answer));
    if (!parsed.success)
      throw unknownOutcomeError('youtube', 'the channel’s uploads were listed in an unknown form');
    const match = parsed.data.items.find(
      (item) =>
        item.snippet?.title === snippet.title && item.snippet.description === snippet.description,
    );
    return match?.id.videoId ?? null;
  }

  /** One authorized GET of the Data API, retried on transient failures. */
  private get(path: string, context: ReadContext) {
    const tokens = this.tokens(context);
    return withRetry(this.runtime, context.signal, () =>
      tokens.call(async (token) => {
        const answer = await httpRequest({
          service: 'youtube',
          method: 'GET',
          url: `${this.endpoints.apiBaseUrl}${path}`,
          headers: { authorization: `Bearer ${token}` },
          signal: context.signal,
          timeouts: this.runtime.timeouts,
        });
        if (answer.status !== 200) throw googleFailure('youtube', answer, this.runtime.now());
        return answer;
      }),
    );
  }

  private async list(part: string, id: string, context: ReadContext) {
    const response = await this.get(
      `/youtube/v3/videos?part=${part}&id=${encodeURIComponent(id)}`,
      context,
    );
    const parsed = listSchema.safeParse(tryJson(response));
    if (!parsed.success)
      throw transientError('youtube', 'videos.list answered in a form ReelPilot does not know');
    return parsed.data.items[0];
  }

  async status(videoId: string, context: ReadContext): Promise<PostStatus> {
    const item = await this.list('status,processingDetails', videoId, context);
    if (!item)
      return { state: 'failed', kind: 'content', message: 'the video no longer exists on YouTube' };
    const upload = item.status?.uploadStatus;
    if (upload === 'rejected' || upload === 'failed' || upload === 'deleted')
      return {
        state: 'failed',
        kind: 'content',
        message: `YouTube ${upload} the video (${item.status?.rejectionReason ?? item.status?.failureReason ?? 'no reason given'})`,
      };
    const processing = item.processingDetails?.processingStatus;
    if (processing === 'failed' || processing === 'terminated')
      return {
        state: 'failed',
        kind: 'content',
        message: `YouTube could not process the video (${processing}${item.processingDetails?.processingFailureReason ? `: ${item.processingDetails.processingFailureReason}` : ''}); check it in YouTube Studio, and post a new render if the file is damaged`,
      };
    if (upload === 'processed' || processing === 'succeeded')
      return {
        state: 'published',
        platformPostId: videoId,
        url: `https://www.youtube.com/shorts/${videoId}`,
      };
    return { state: 'processing', detail: processing ?? upload };
  }

  async metrics(videoId: string, context: ReadContext): Promise<PostMetrics> {
    const item = await this.list('statistics', videoId, context);
    const stats = item?.statistics;
    // Shares exist only in the YouTube Analytics API: left undefined, never 0.
    return {
      views: count(stats?.viewCount),
      likes: count(stats?.likeCount),
      comments: count(stats?.commentCount),
    };
  }
}

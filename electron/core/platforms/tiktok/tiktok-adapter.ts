import { z } from 'zod';
import { PlatformAdapterBase, textEdit, type AdapterOptions } from '../adapter-base';
import { contentError, isPlatformError, unknownOutcomeError } from '../error-classification';
import { apiCall, parseAnswer } from '../http/api-call';
import { httpRequest } from '../http/http-request';
import { duringLookup, markedAt } from '../irreversible-call';
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
import { withRetry, type TokenSession } from '../upload-runtime';
import {
  chunkRange,
  defaultTikTokChunkRules,
  planChunks,
  type TikTokChunkRules,
} from './tiktok-chunk-plan';
import { tiktokEnvelopeError, tiktokFailure } from './tiktok-errors';

export interface TikTokAdapterOptions extends AdapterOptions {
  chunkRules?: Partial<TikTokChunkRules>;
  /** Preferred chunk size, clamped to the rules; 10 MB like TikTok's own examples. */
  chunkBytes?: number;
  /** Posts go to the creator's inbox as drafts instead of being published directly. */
  inbox?: boolean;
}

const okEnvelope = z.object({ error: tiktokEnvelopeError });
const creatorInfoSchema = okEnvelope.extend({
  data: z.object({
    creator_username: z.string().optional(),
    creator_nickname: z.string().optional(),
    privacy_level_options: z.array(z.string()),
    comment_disabled: z.boolean().optional(),
    duet_disabled: z.boolean().optional(),
    stitch_disabled: z.boolean().optional(),
    max_video_post_duration_sec: z.number().optional(),
  }),
});
export type TikTokCreatorInfo = z.infer<typeof creatorInfoSchema>['data'];

const initSchema = okEnvelope.extend({
  data: z.object({ publish_id: z.string(), upload_url: z.url().optional() }),
});
const statusSchema = okEnvelope.extend({
  data: z.object({
    status: z.string(),
    fail_reason: z.string().optional(),
    publicaly_available_post_id: z.array(z.union([z.string(), z.number()])).optional(),
    uploaded_bytes: z.number().optional(),
  }),
});
const videoQuerySchema = okEnvelope.extend({
  data: z.object({
    videos: z.array(
      z.object({
        id: z.string(),
        view_count: z.number().optional(),
        like_count: z.number().optional(),
        comment_count: z.number().optional(),
        share_count: z.number().optional(),
      }),
    ),
  }),
});

const stateSchema = z.union([
  z.object({
    step: z.literal('uploading'),
    publishId: z.string(),
    uploadUrl: z.url(),
    chunkSize: z.number().int().nonnegative(),
    totalChunkCount: z.number().int().positive(),
    nextChunk: z.number().int().nonnegative(),
    /**
     * The marker: the last chunk, which makes TikTok create the post, was being sent at this
     * time. From then on the publish is asked (status/fetch) before anything starts over.
     */
    lastChunkAt: markedAt.optional(),
  }),
  z.object({ step: z.literal('uploaded'), publishId: z.string() }),
]);
type TikTokState = z.infer<typeof stateSchema>;
type Uploading = Extract<TikTokState, { step: 'uploading' }>;

const privacyLevels: Record<PostSettings['privacy'], string> = {
  public: 'PUBLIC_TO_EVERYONE',
  friends: 'MUTUAL_FOLLOW_FRIENDS',
  unlisted: 'SELF_ONLY',
  private: 'SELF_ONLY',
};

export class TikTokAdapter extends PlatformAdapterBase<'tiktok', TikTokAdapterOptions> {
  private readonly chunkRules: TikTokChunkRules;

  constructor(options: TikTokAdapterOptions = {}) {
    super('tiktok', options);
    this.chunkRules = { ...defaultTikTokChunkRules, ...options.chunkRules };
  }

  private post(
    tokens: TokenSession,
    signal: AbortSignal | undefined,
    path: string,
    body: unknown,
    retry = true,
  ) {
    return apiCall({
      service: 'tiktok',
      runtime: this.runtime,
      tokens,
      signal,
      retry,
      request: (token) => ({
        method: 'POST',
        url: `${this.endpoints.apiBaseUrl}${path}`,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json; charset=UTF-8',
        },
        body: JSON.stringify(body),
      }),
      failure: (response) => tiktokFailure(response, this.runtime.now()),
    });
  }

  /** The privacy levels and limits the UI may offer for this creator (asked before posting). */
  async creatorInfo(context: ReadContext): Promise<TikTokCreatorInfo> {
    const tokens = this.tokens(context);
    const response = await this.post(
      tokens,
      context.signal,
      '/v2/post/publish/creator_info/query/',
      {},
    );
    return parseAnswer('tiktok', creatorInfoSchema, response, 'creator_info').data;
  }

  private choosePrivacy(info: TikTokCreatorInfo, job: PublishJob): string {
    const wanted = job.settings.tiktokPrivacyLevel ?? privacyLevels[job.settings.privacy];
    if (!info.privacy_level_options.includes(wanted))
      throw contentError(
        'tiktok',
        `this account cannot post with privacy ${wanted}; it allows ${info.privacy_level_options.join(', ')}`,
        { reason: 'privacy_level_option_mismatch' },
      );
    const max = info.max_video_post_duration_sec;
    if (max !== undefined && job.video.durationSec > max)
      throw contentError(
        'tiktok',
        `the video lasts ${job.video.durationSec} s and this account may post at most ${max} s`,
      );
    return wanted;
  }

  private async init(
    job: PublishJob,
    tokens: TokenSession,
    context: PublishContext,
  ): Promise<TikTokState> {
    const info = await this.creatorInfo(context);
    const privacy = this.choosePrivacy(info, job);
    const size = job.video.sizeBytes;
    const plan = planChunks(size, this.options.chunkBytes ?? 10_000_000, this.chunkRules);
    const sourceInfo = {
      source: 'FILE_UPLOAD',
      video_size: size,
      chunk_size: plan.chunkSize,
      total_chunk_count: plan.totalChunkCount,
    };
    const path = this.options.inbox
      ? '/v2/post/publish/inbox/video/init/'
      : '/v2/post/publish/video/init/';
    const body = this.options.inbox
      ? { source_info: sourceInfo }
      : {
          post_info: {
            title: job.settings.caption,
            privacy_level: privacy,
            disable_comment: job.settings.disableComments ?? info.comment_disabled ?? false,
            disable_duet: info.duet_disabled ?? false,
            disable_stitch: info.stitch_disabled ?? false,
          },
          source_info: sourceInfo,
        };
    const answer = parseAnswer(
      'tiktok',
      initSchema,
      await this.post(tokens, context.signal, path, body),
      'video init',
    );
    if (!answer.data.upload_url) throw contentError('tiktok', 'the init answer has no upload URL');
    const state: TikTokState = {
      step: 'uploading',
      publishId: answer.data.publish_id,
      uploadUrl: answer.data.upload_url,
      chunkSize: plan.chunkSize,
      totalChunkCount: plan.totalChunkCount,
      nextChunk: 0,
    };
    await context.saveState(state);
    return state;
  }

  async publish(job: PublishJob, context: PublishContext): Promise<PublishResult> {
    const tokens = this.tokens(context);
    let state =
      job.state === undefined
        ? await this.init(job, tokens, context)
        : stateSchema.parse(job.state);
    const size = job.video.sizeBytes;
    while (state.step === 'uploading') {
      let current: Uploading = state;
      // After a crash at the marker the last chunk may have landed: ask before sending it again.
      if (
        current.lastChunkAt !== undefined &&
        (await this.uploadDone(current, size, tokens, context))
      ) {
        state = await this.saved(context, { step: 'uploaded', publishId: current.publishId });
        break;
      }
      const last = current.nextChunk + 1 >= current.totalChunkCount;
      if (last) {
        current = { ...current, lastChunkAt: this.runtime.now() };
        await context.beforeIrreversible(current);
      }
      const sent = await this.sendChunk(job, current, size, context).catch(
        (error: unknown) => error as Error,
      );
      if (sent instanceof Error) {
        const gone = isPlatformError(sent) && sent.status === 404;
        if (!gone && !last) throw sent;
        // An expired upload URL, or a last chunk whose answer was lost: the publish says
        // whether TikTok has the whole video. Only an incomplete upload starts over.
        if (await this.uploadDone(current, size, tokens, context)) {
          state = await this.saved(context, { step: 'uploaded', publishId: current.publishId });
          break;
        }
        if (!gone) throw sent;
        state = await this.init(job, tokens, context);
        continue;
      }
      state = await this.saved(
        context,
        last
          ? { step: 'uploaded', publishId: current.publishId }
          : { ...current, nextChunk: current.nextChunk + 1 },
      );
    }
    const published = await this.waitUntilPublished(state.publishId, size, context);
    return published
      ? {
          trackingId: state.publishId,
          platformPostId: published.platformPostId,
          state: 'published',
        }
      : { trackingId: state.publishId, state: 'processing' };
  }

  /**
   * The caption and privacy go with the init that creates the publish id. TikTok publishes once
   * the whole file has arrived, so until the last chunk could have been sent the publish id is
   * dropped and a new init carries the new text; from then on TikTok may be publishing.
   */
  textEditPlan({ state, refused }: TextEditQuestion): TextEditPlan {
    if (state === undefined) return textEdit.keep;
    const saved = stateSchema.safeParse(state);
    if (!saved.success) return textEdit.unreadable;
    if (refused) return textEdit.restart;
    if (saved.data.step === 'uploading' && saved.data.nextChunk < saved.data.totalChunkCount - 1)
      return textEdit.restart;
    return textEdit.refuse(
      'TikTok took the caption and privacy when this upload started, and it may already have the whole video, which it then publishes with them. Retry the post as it is.',
    );
  }

  private async saved<S extends TikTokState>(context: PublishContext, state: S): Promise<S> {
    await context.saveState(state);
    return state;
  }

  private sendChunk(job: PublishJob, current: Uploading, size: number, context: PublishContext) {
    const { start, end } = chunkRange(current, size, current.nextChunk);
    return withRetry(this.runtime, context.signal, async () => {
      const answer = await httpRequest({
        service: 'tiktok',
        method: 'PUT',
        url: current.uploadUrl,
        headers: {
          'content-type': job.video.mimeType,
          'content-range': `bytes ${start}-${end - 1}/${size}`,
        },
        body: [{ path: job.video.path, start, end }],
        signal: context.signal,
        timeouts: this.runtime.timeouts,
        onBytesSent: (() => {
          let sent = start;
          return (bytes: number) => {
            sent += bytes;
            context.onProgress?.({ phase: 'uploading', sentBytes: sent, totalBytes: size });
          };
        })(),
      });
      if (answer.status !== 201 && answer.status !== 206)
        throw tiktokFailure(answer, this.runtime.now());
      return answer;
    });
  }

  /**
   * Whether TikTok holds the whole video for this publish (`status/fetch`): then the post is
   * being made and must never be started again. A publish TikTok no longer knows, or one still
   * receiving bytes, did not complete. When the last chunk may have landed and TikTok cannot
   * be asked, the outcome stays unknown.
   */
  private async uploadDone(
    current: Uploading,
    size: number,
    tokens: TokenSession,
    context: PublishContext,
  ): Promise<boolean> {
    const ask = async () => {
      const response = await this.post(tokens, context.signal, '/v2/post/publish/status/fetch/', {
        publish_id: current.publishId,
      });
      return parseAnswer('tiktok', statusSchema, response, 'status fetch').data;
    };
    let data: z.infer<typeof statusSchema>['data'];
    try {
      data = current.lastChunkAt === undefined ? await ask() : await duringLookup('tiktok', ask);
    } catch (error) {
      if (isPlatformError(error) && error.reason === 'invalid_publish_id') return false;
      throw error;
    }
    if (data.status === 'FAILED')
      throw contentError(
        'tiktok',
        `TikTok could not publish the video (${data.fail_reason ?? 'no reason given'})`,
        { reason: data.fail_reason },
      );
    if (data.status !== 'PROCESSING_UPLOAD') return true;
    if (data.uploaded_bytes !== undefined) return data.uploaded_bytes >= size;
    if (current.lastChunkAt === undefined) return false;
    throw unknownOutcomeError('tiktok', 'TikTok does not say yet how much of the video it has');
  }

  async status(publishId: string, context: ReadContext): Promise<PostStatus> {
    const tokens = this.tokens(context);
    const response = await this.post(tokens, context.signal, '/v2/post/publish/status/fetch/', {
      publish_id: publishId,
    });
    const { data } = parseAnswer('tiktok', statusSchema, response, 'status fetch');
    // The id is a 64-bit integer sent as a bare JSON number: read its digits from the text.
    const exactId = /"publicaly_available_post_id"\s*:\s*\[\s*"?(\d+)/.exec(response.text)?.[1];
    if (data.status === 'FAILED')
      return {
        state: 'failed',
        kind: 'content',
        message: `TikTok could not publish the video (${data.fail_reason ?? 'no reason given'})`,
      };
    if (data.status === 'PUBLISH_COMPLETE' || data.status === 'SEND_TO_USER_INBOX') {
      // Private (SELF_ONLY) posts never get a public id: the publish id stays the reference.
      return { state: 'published', platformPostId: exactId ?? publishId };
    }
    return { state: 'processing', detail: data.status };
  }

  async metrics(videoId: string, context: ReadContext): Promise<PostMetrics> {
    const tokens = this.tokens(context);
    const response = await this.post(
      tokens,
      context.signal,
      '/v2/video/query/?fields=id,view_count,like_count,comment_count,share_count',
      { filters: { video_ids: [videoId] } },
    );
    const video = parseAnswer('tiktok', videoQuerySchema, response, 'video query').data.videos.find(
      (v) => v.id === videoId,
    );
    // TikTok reports no saves: left undefined.
    return {
      views: video?.view_count,
      likes: video?.like_count,
      comments: video?.comment_count,
      shares: video?.share_count,
    };
  }
}

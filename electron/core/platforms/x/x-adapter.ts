import { randomBytes } from 'node:crypto';
import { PlatformAdapterBase, textEdit, type AdapterOptions } from '../adapter-base';
import { contentError, isPlatformError } from '../error-classification';
import { apiCall, parseAnswer } from '../http/api-call';
import { assertLookupSettled, duringLookup, irreversibleCall } from '../irreversible-call';
import type { BodyPart } from '../http/http-request';
import type {
  PostMetrics,
  PostStatus,
  PublishContext,
  PublishJob,
  PublishResult,
  ReadContext,
  TextEditPlan,
  TextEditQuestion,
} from '../platform-adapter';
import type { TokenSession } from '../upload-runtime';
import { xFailure } from './x-errors';
import {
  mediaSchema,
  metricsSchema,
  stateSchema,
  timelineSchema,
  tweetSchema,
  type ProcessingInfo,
  type XState,
} from './x-schemas';

/** `rules` are the older limits (140 s, 512 MB) by default; paid tiers allow more. */
export interface XAdapterOptions extends AdapterOptions {
  /** Bytes per APPEND segment: at most 5 MB (the server takes 8 MB); 4 MiB by default. */
  segmentBytes?: number;
}

export const maxSegmentBytes = 5 * 1024 * 1024;

export class XAdapter extends PlatformAdapterBase<'x', XAdapterOptions> {
  private readonly segmentBytes: number;

  constructor(options: XAdapterOptions = {}) {
    super('x', options);
    this.segmentBytes = options.segmentBytes ?? 4 * 1024 * 1024;
    if (this.segmentBytes <= 0 || this.segmentBytes > maxSegmentBytes)
      throw new RangeError(`X segments must be 1 byte to 5 MB (got ${this.segmentBytes}).`);
  }

  private call(
    tokens: TokenSession,
    signal: AbortSignal | undefined,
    method: 'GET' | 'POST',
    url: string,
    body?: string | BodyPart[],
    contentType?: string,
    retry = true,
  ) {
    return apiCall({
      service: 'x',
      runtime: this.runtime,
      tokens,
      signal,
      retry,
      request: (token) => ({
        method,
        url,
        headers: {
          authorization: `Bearer ${token}`,
          ...(contentType ? { 'content-type': contentType } : {}),
        },
        body,
      }),
      failure: (response) => xFailure(response, this.runtime.now()),
    });
  }

  /**
   * The text goes with the post request, the last step: until then the uploaded media is kept
   * and the post carries the new text. A post request whose answer was lost may have posted.
   */
  textEditPlan({ state }: TextEditQuestion): TextEditPlan {
    if (state === undefined) return textEdit.keep;
    const saved = stateSchema.safeParse(state);
    if (!saved.success) return textEdit.unreadable;
    if (saved.data.step === 'posted') return textEdit.refuse('The post is already on X.');
    if (saved.data.step === 'tweeting')
      return textEdit.refuse(
        'The connection broke while X was creating the post, so it may exist with the old text. Check the profile first.',
      );
    return textEdit.keep;
  }

  async publish(job: PublishJob, context: PublishContext): Promise<PublishResult> {
    const tokens = this.tokens(context);
    const upload = `${this.endpoints.uploadBaseUrl}/2/media/upload`;
    const size = job.video.sizeBytes;
    const save = async <S extends XState>(next: S): Promise<S> => {
      await context.saveState(next);
      return next;
    };
    let state: XState;
    if (job.state === undefined) {
      const init = await this.call(
        tokens,
        context.signal,
        'POST',
        `${upload}/initialize`,
        JSON.stringify({
          media_type: job.video.mimeType,
          total_bytes: size,
          media_category: 'tweet_video',
        }),
        'application/json',
      );
      const created = parseAnswer('x', mediaSchema, init, 'media initialize').data;
      state = await save({
        step: 'uploading',
        mediaId: created.id,
        mediaKey: created.media_key,
        nextSegment: 0,
      });
    } else state = stateSchema.parse(job.state);

    const segments = Math.max(1, Math.ceil(size / this.segmentBytes));
    while (state.step === 'uploading') {
      const { mediaId, mediaKey, nextSegment } = state;
      if (nextSegment >= segments) {
        state = await save({ step: 'finalizing', mediaId, mediaKey });
        break;
      }
      const start = nextSegment * this.segmentBytes;
      const end = Math.min(size, start + this.segmentBytes);
      const boundary = `----reelpilot${randomBytes(12).toString('hex')}`;
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="segment_index"\r\n\r\n${nextSegment}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="blob"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      await this.call(
        tokens,
        context.signal,
        'POST',
        `${upload}/${mediaId}/append`,
        [head, { path: job.video.path, start, end }, tail],
        `multipart/form-data; boundary=${boundary}`,
      );
      context.onProgress?.({ phase: 'uploading', sentBytes: end, totalBytes: size });
      state = await save({ step: 'uploading', mediaId, mediaKey, nextSegment: nextSegment + 1 });
    }

    if (state.step === 'finalizing') {
      const { mediaId, mediaKey } = state;
      context.onProgress?.({ phase: 'processing', sentBytes: size, totalBytes: size });
      const info = parseAnswer(
        'x',
        mediaSchema,
        await this.call(tokens, context.signal, 'POST', `${upload}/${mediaId}/finalize`),
        'media finalize',
      ).data.processing_info;
      this.assertProcessable(info);
      state = await save(
        info && info.state !== 'succeeded'
          ? { step: 'finalized', mediaId, mediaKey }
          : { step: 'processed', mediaId, mediaKey },
      );
    }

    if (state.step === 'finalized') {
      const { mediaId, mediaKey } = state;
      context.onProgress?.({ phase: 'processing', sentBytes: size, totalBytes: size });
      if (!(await this.waitForMedia(tokens, context.signal, upload, mediaId)))
        return { state: 'waiting', detail: 'X is still processing the video' };
      state = await save({ step: 'processed', mediaId, mediaKey });
    }

    // The last run died, or lost the answer, while X was creating the post: look before posting.
    if (state.step === 'tweeting') {
      assertLookupSettled('x', this.runtime, state.at ?? 0);
      state = await this.afterLostAnswer(state, job, tokens, context);
    }

    if (state.step === 'processed') {
      context.onProgress?.({ phase: 'publishing', sentBytes: size, totalBytes: size });
      state = await this.tweet(state, job, tokens, context);
    }
    if (state.step !== 'posted') throw new Error(`X upload left in step ${state.step}`);
    context.onProgress?.({ phase: 'done', sentBytes: size, totalBytes: size });
    return {
      trackingId: state.tweetId,
      platformPostId: state.tweetId,
      url: `https://x.com/i/status/${state.tweetId}`,
      state: 'published',
    };
  }

  private assertProcessable(info: ProcessingInfo): void {
    if (info?.state === 'failed')
      throw contentError(
        'x',
        `the video could not be processed (${info.error?.message ?? info.error?.name ?? 'no reason given'})`,
      );
  }

  /** Polls STATUS after `check_after_secs`; false while X is still processing after the polls. */
  private async waitForMedia(
    tokens: TokenSession,
    signal: AbortSignal | undefined,
    upload: string,
    mediaId: string,
  ): Promise<boolean> {
    for (let poll = 0; poll < this.runtime.maxStatusPolls; poll += 1) {
      const status = await this.call(
        tokens,
        signal,
        'GET',
        `${upload}?media_id=${mediaId}&command=STATUS`,
      );
      const info = parseAnswer('x', mediaSchema, status, 'media status').data.processing_info;
      this.assertProcessable(info);
      if (!info || info.state === 'succeeded') return true;
      await this.runtime.sleep((info.check_after_secs ?? 1) * 1000, signal);
    }
    return false;
  }

  /** Creates the post, once: the marker is on disk and ownership checked right before. */
  private async tweet(
    state: Extract<XState, { step: 'processed' }>,
    job: PublishJob,
    tokens: TokenSession,
    context: PublishContext,
  ): Promise<XState> {
    const { mediaId, mediaKey } = state;
    const marker: XState = { step: 'tweeting', mediaId, mediaKey, at: this.runtime.now() };
    await context.beforeIrreversible(marker);
    let answer;
    try {
      // No abort signal: once sent, the answer is worth waiting for (the call has deadlines).
      answer = await irreversibleCall('x', () =>
        this.call(
          tokens,
          undefined,
          'POST',
          `${this.endpoints.apiBaseUrl}/2/tweets`,
          JSON.stringify({ text: job.settings.caption, media: { media_ids: [mediaId] } }),
          'application/json',
          false,
        ),
      );
    } catch (error) {
      if (!isPlatformError(error) || error.kind === 'unknown') throw error;
      // X refuses the same text twice: the earlier post may be ours, from a lost answer.
      if (error.status === 403 && /duplicate/i.test(error.message))
        return this.afterDuplicate(marker, job, tokens, context);
      // An answer that refuses the post means none was made: a later attempt may post again.
      await context.saveState({ step: 'processed', mediaId, mediaKey } satisfies XState);
      if (error.status === 403)
        throw contentError(
          'x',
          `${error.message.replace(/^X rejected the post: /, '')} (X refuses some videos only when the post is created, e.g. for their duration)`,
          { reason: error.reason, status: 403 },
        );
      throw error;
    }
    const tweetId = parseAnswer('x', tweetSchema, answer, 'the post').data.id;
    const posted: XState = { step: 'posted', mediaId, tweetId };
    await context.saveState(posted);
    return posted;
  }

  /** The post with our video among the account's recent posts, or null when there is none. */
  private async findTweet(
    job: PublishJob,
    state: { mediaId: string; mediaKey?: string | undefined; at?: number | undefined },
    tokens: TokenSession,
    signal: AbortSignal | undefined,
  ): Promise<string | null> {
    const userId = job.targetId;
    if (!userId) throw contentError('x', 'no X account was chosen for the post');
    // Video media keys are "7_" and the media id (X API v2 media objects). The key is unique,
    // so a day's margin only covers a clock that differs from X's.
    const key = state.mediaKey ?? `7_${state.mediaId}`;
    const since = new Date(Math.max(0, (state.at ?? 0) - 24 * 3_600_000)).toISOString();
    const answer = await duringLookup('x', () =>
      this.call(
        tokens,
        signal,
        'GET',
        `${this.endpoints.apiBaseUrl}/2/users/${encodeURIComponent(userId)}/tweets?max_results=100&start_time=${encodeURIComponent(since)}&tweet.fields=created_at,attachments&expansions=attachments.media_keys`,
      ),
    );
    const tweets = parseAnswer('x', timelineSchema, answer, 'the recent posts').data ?? [];
    return tweets.find((t) => t.attachments?.media_keys?.includes(key))?.id ?? null;
  }

  private async afterLostAnswer(
    state: Extract<XState, { step: 'tweeting' }>,
    job: PublishJob,
    tokens: TokenSession,
    context: PublishContext,
  ): Promise<XState> {
    const { mediaId, mediaKey } = state;
    const tweetId = await this.findTweet(job, state, tokens, context.signal);
    const next: XState = tweetId
      ? { step: 'posted', mediaId, tweetId }
      : { step: 'processed', mediaId, mediaKey };
    await context.saveState(next);
    return next;
  }

  private async afterDuplicate(
    marker: Extract<XState, { step: 'tweeting' }>,
    job: PublishJob,
    tokens: TokenSession,
    context: PublishContext,
  ): Promise<XState> {
    const next = await this.afterLostAnswer(marker, job, tokens, context);
    if (next.step === 'posted') return next;
    throw contentError(
      'x',
      'X refuses a post with the same text as a recent one; change the caption, then retry',
      { reason: 'duplicate_content', status: 403 },
    );
  }

  async status(tweetId: string, context: ReadContext): Promise<PostStatus> {
    const tokens = this.tokens(context);
    const answer = await this.call(
      tokens,
      context.signal,
      'GET',
      `${this.endpoints.apiBaseUrl}/2/tweets/${tweetId}`,
    );
    const id = parseAnswer('x', tweetSchema, answer, 'the post').data.id;
    return { state: 'published', platformPostId: id, url: `https://x.com/i/status/${id}` };
  }

  async metrics(tweetId: string, context: ReadContext): Promise<PostMetrics> {
    const tokens = this.tokens(context);
    const answer = await this.call(
      tokens,
      context.signal,
      'GET',
      `${this.endpoints.apiBaseUrl}/2/tweets/${tweetId}?tweet.fields=public_metrics`,
    );
    const metrics = parseAnswer('x', metricsSchema, answer, 'the post metrics').data.public_metrics;
    const shares =
      metrics?.retweet_count === undefined && metrics?.quote_count === undefined
        ? undefined
        : (metrics.retweet_count ?? 0) + (metrics.quote_count ?? 0);
    return {
      impressions: metrics?.impression_count,
      views: metrics?.impression_count,
      likes: metrics?.like_count,
      comments: metrics?.reply_count,
      shares,
      saves: metrics?.bookmark_count,
    };
  }
}

import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { PlatformAdapterBase, textEdit, type AdapterOptions } from '../adapter-base';
import { contentError, isPlatformError } from '../error-classification';
import { apiCall, parseAnswer } from '../http/api-call';
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
import { withRetry, type TokenSession } from '../upload-runtime';
import { xFailure } from './x-errors';

/** `rules` are the older limits (140 s, 512 MB) by default; paid tiers allow more. */
export interface XAdapterOptions extends AdapterOptions {
  /** Bytes per APPEND segment: at most 5 MB (the server takes 8 MB); 4 MiB by default. */
  segmentBytes?: number;
}

export const maxSegmentBytes = 5 * 1024 * 1024;

const stateSchema = z.union([
  z.object({
    step: z.literal('uploading'),
    mediaId: z.string(),
    nextSegment: z.number().int().nonnegative(),
  }),
  z.object({ step: z.literal('finalizing'), mediaId: z.string() }),
  z.object({ step: z.literal('processed'), mediaId: z.string() }),
  z.object({ step: z.literal('tweeting'), mediaId: z.string() }),
  z.object({ step: z.literal('posted'), mediaId: z.string(), tweetId: z.string() }),
]);
type XState = z.infer<typeof stateSchema>;

const processingSchema = z
  .object({
    state: z.enum(['pending', 'in_progress', 'succeeded', 'failed']),
    check_after_secs: z.number().optional(),
    error: z.object({ message: z.string().optional(), name: z.string().optional() }).optional(),
  })
  .optional();
const mediaSchema = z.object({
  data: z.object({ id: z.string(), processing_info: processingSchema }),
});
const tweetSchema = z.object({ data: z.object({ id: z.string(), text: z.string().optional() }) });
const metricsSchema = z.object({
  data: z.object({
    id: z.string(),
    public_metrics: z
      .object({
        impression_count: z.number().optional(),
        like_count: z.number().optional(),
        reply_count: z.number().optional(),
        retweet_count: z.number().optional(),
        quote_count: z.number().optional(),
        bookmark_count: z.number().optional(),
      })
      .optional(),
  }),
});

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
      state = await save({
        step: 'uploading',
        mediaId: parseAnswer('x', mediaSchema, init, 'media initialize').data.id,
        nextSegment: 0,
      });
    } else state = stateSchema.parse(job.state);

    const segments = Math.max(1, Math.ceil(size / this.segmentBytes));
    while (state.step === 'uploading') {
      const { mediaId, nextSegment } = state;
      if (nextSegment >= segments) {
        state = await save({ step: 'finalizing', mediaId });
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
      state = await save({ step: 'uploading', mediaId, nextSegment: nextSegment + 1 });
    }

    if (state.step === 'finalizing') {
      const { mediaId } = state;
      context.onProgress?.({ phase: 'processing', sentBytes: size, totalBytes: size });
      let info = parseAnswer(
        'x',
        mediaSchema,
        await this.call(tokens, context.signal, 'POST', `${upload}/${mediaId}/finalize`),
        'media finalize',
      ).data.processing_info;
      for (let poll = 0; info && info.state !== 'succeeded'; poll += 1) {
        if (info.state === 'failed')
          throw contentError(
            'x',
            `the video could not be processed (${info.error?.message ?? info.error?.name ?? 'no reason given'})`,
          );
        if (poll >= this.runtime.maxStatusPolls)
          return { trackingId: mediaId, state: 'processing' };
        await this.runtime.sleep((info.check_after_secs ?? 1) * 1000, context.signal);
        const status = await this.call(
          tokens,
          context.signal,
          'GET',
          `${upload}?media_id=${mediaId}&command=STATUS`,
        );
        info = parseAnswer('x', mediaSchema, status, 'media status').data.processing_info;
      }
      state = await save({ step: 'processed', mediaId });
    }

    if (state.step === 'tweeting')
      // The last run died while X was creating the post: posting again could post twice.
      throw contentError(
        'x',
        'the connection broke while the post was being created, so ReelPilot cannot tell whether it exists; check the profile and post again only if it is missing',
        { reason: 'tweet_outcome_unknown' },
      );

    if (state.step === 'processed') {
      const { mediaId } = state;
      context.onProgress?.({ phase: 'publishing', sentBytes: size, totalBytes: size });
      state = await save({ step: 'tweeting', mediaId });
      const tweet = await withRetry(this.runtime, context.signal, async () => {
        try {
          return await this.call(
            tokens,
            context.signal,
            'POST',
            `${this.endpoints.apiBaseUrl}/2/tweets`,
            JSON.stringify({ text: job.settings.caption, media: { media_ids: [mediaId] } }),
            'application/json',
            false,
          );
        } catch (error) {
          // An answer from X means no post was made: going back to `processed` makes a retry safe.
          if (isPlatformError(error) && error.status !== undefined) {
            await save({ step: 'processed', mediaId });
            if (error.status === 403)
              throw contentError(
                'x',
                `${error.message.replace(/^X rejected the post: /, '')} (X refuses some videos only when the post is created, e.g. for their duration)`,
                { reason: error.reason, status: 403 },
              );
            throw error;
          }
          throw contentError(
            'x',
            'the connection broke while the post was being created, so ReelPilot cannot tell whether it exists; check the profile and post again only if it is missing',
            { reason: 'tweet_outcome_unknown', cause: error },
          );
        }
      });
      const tweetId = parseAnswer('x', tweetSchema, tweet, 'the post').data.id;
      state = await save({ step: 'posted', mediaId, tweetId });
    }
    context.onProgress?.({ phase: 'done', sentBytes: size, totalBytes: size });
    return {
      trackingId: state.tweetId,
      platformPostId: state.tweetId,
      url: `https://x.com/i/status/${state.tweetId}`,
      state: 'published',
    };
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

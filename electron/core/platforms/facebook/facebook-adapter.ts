import { z } from 'zod';
import type { EndpointOverrides } from '../../../../shared/domain/platforms';
import { contentError } from '../error-classification';
import { GraphClient } from '../meta/graph-client';
import { graphVersion } from '../meta/meta-errors';
import { rupload } from '../meta/rupload';
import type {
  PlatformAdapter,
  PostMetrics,
  PostSettings,
  PostStatus,
  PublishContext,
  PublishJob,
  PublishResult,
  VideoFacts,
} from '../platform-adapter';
import { endpointsFor } from '../platform-endpoints';
import { runtimeWith, TokenSession, type AdapterRuntime } from '../upload-runtime';
import { checkVideoRules, rulesFor, type VideoRules } from '../video-rules';

export interface FacebookAdapterOptions {
  endpoints?: EndpointOverrides;
  runtime?: Partial<AdapterRuntime>;
  rules?: Partial<VideoRules>;
  /** Bytes per upload POST; the whole file in one request when undefined. */
  chunkBytes?: number;
  /** PUBLISHED by default; DRAFT keeps the Reel unpublished on the Page. */
  videoState?: 'PUBLISHED' | 'DRAFT';
}

const stateSchema = z.union([
  z.object({
    step: z.literal('started'),
    videoId: z.string(),
    offset: z.number().int().nonnegative(),
  }),
  z.object({ step: z.literal('uploaded'), videoId: z.string() }),
  z.object({ step: z.literal('finished'), videoId: z.string() }),
]);
type FacebookState = z.infer<typeof stateSchema>;

const startSchema = z.object({ video_id: z.string(), upload_url: z.string().optional() });
const successSchema = z.object({ success: z.boolean() });
const phase = z.object({ status: z.string() }).partial().optional();
const statusSchema = z.object({
  id: z.string().optional(),
  status: z.object({
    video_status: z.string(),
    uploading_phase: phase,
    processing_phase: phase,
    publishing_phase: phase,
  }),
  permalink_url: z.string().optional(),
});
const insightsSchema = z.object({
  data: z.array(z.object({ name: z.string(), values: z.array(z.object({ value: z.unknown() })) })),
});

type ReadContext = Pick<PublishContext, 'getAccessToken' | 'signal'>;

function sumOf(value: unknown, keys?: string[]): number | undefined {
  if (typeof value === 'number') return value;
  if (value === null || typeof value !== 'object') return undefined;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([key, v]) => typeof v === 'number' && (!keys || keys.includes(key)),
  );
  return entries.length === 0 ? undefined : entries.reduce((sum, [, v]) => sum + (v as number), 0);
}

export class FacebookAdapter implements PlatformAdapter {
  readonly platform = 'facebook' as const;
  private readonly runtime: AdapterRuntime;
  private readonly rules: VideoRules;

  constructor(private readonly options: FacebookAdapterOptions = {}) {
    this.runtime = runtimeWith(options.runtime);
    this.rules = rulesFor('facebook', options.rules);
  }

  private get endpoints() {
    return endpointsFor('facebook', this.options.endpoints);
  }

  private graph(context: ReadContext) {
    const tokens = new TokenSession('facebook', context.getAccessToken);
    return new GraphClient(
      'facebook',
      this.endpoints.apiBaseUrl,
      this.runtime,
      tokens,
      context.signal,
    );
  }

  validate(video: VideoFacts, settings: PostSettings) {
    return checkVideoRules('Facebook', this.rules, video, settings);
  }

  async publish(job: PublishJob, context: PublishContext): Promise<PublishResult> {
    const pageId = job.targetId;
    if (!pageId) throw contentError('facebook', 'no Facebook Page was chosen for the post');
    const graph = this.graph(context);
    const size = job.video.sizeBytes;
    let state: FacebookState | undefined =
      job.state === undefined ? undefined : stateSchema.parse(job.state);
    if (!state) {
      const started = await graph.post(
        `/${pageId}/video_reels`,
        { upload_phase: 'start' },
        startSchema,
        'the Reel upload start',
      );
      state = { step: 'started', videoId: started.video_id, offset: 0 };
      await context.saveState(state);
    }
    const videoId = state.videoId;
    if (state.step === 'started') {
      const current = state;
      await rupload({
        service: 'facebook',
        runtime: this.runtime,
        tokens: new TokenSession('facebook', context.getAccessToken),
        signal: context.signal,
        url: `${this.endpoints.uploadBaseUrl}/video-upload/${graphVersion(this.endpoints.apiBaseUrl)}/${videoId}`,
        filePath: job.video.path,
        totalBytes: size,
        chunkBytes: this.options.chunkBytes,
        offset: current.offset,
        saveOffset: (offset) => context.saveState({ ...current, offset } satisfies FacebookState),
        onProgress: (sentBytes) =>
          context.onProgress?.({ phase: 'uploading', sentBytes, totalBytes: size }),
      });
      state = { step: 'uploaded', videoId };
      await context.saveState(state);
    }
    if (state.step === 'uploaded') {
      context.onProgress?.({ phase: 'publishing', sentBytes: size, totalBytes: size });
      // Finishing twice is harmless: the Reel is the uploaded video, there is no second post.
      await graph.post(
        `/${pageId}/video_reels`,
        {
          upload_phase: 'finish',
          video_id: videoId,
          video_state: this.options.videoState ?? 'PUBLISHED',
          description: job.settings.caption,
        },
        successSchema,
        'the Reel publication',
      );
      state = { step: 'finished', videoId };
      await context.saveState(state);
    }
    context.onProgress?.({ phase: 'processing', sentBytes: size, totalBytes: size });
    for (let poll = 0; poll < this.runtime.maxStatusPolls; poll += 1) {
      const status = await this.status(videoId, context);
      if (status.state === 'failed') throw contentError('facebook', status.message);
      if (status.state === 'published') {
        context.onProgress?.({ phase: 'done', sentBytes: size, totalBytes: size });
        return {
          trackingId: videoId,
          platformPostId: videoId,
          url: status.url,
          state: 'published',
        };
      }
      await this.runtime.sleep(this.runtime.pollIntervalMs, context.signal);
    }
    return { trackingId: videoId, platformPostId: videoId, state: 'processing' };
  }

  async status(videoId: string, context: ReadContext): Promise<PostStatus> {
    const answer = await this.graph(context).get(
      `/${videoId}?fields=status,permalink_url`,
      statusSchema,
      'the Reel status',
    );
    const { status } = answer;
    if (status.video_status === 'error' || status.processing_phase?.status === 'error')
      return { state: 'failed', kind: 'content', message: 'Facebook could not process the Reel' };
    if (status.video_status === 'ready' && status.publishing_phase?.status === 'complete')
      return { state: 'published', platformPostId: videoId, url: answer.permalink_url };
    return { state: 'processing', detail: status.video_status };
  }

  async metrics(videoId: string, context: ReadContext): Promise<PostMetrics> {
    const insights = await this.graph(context).get(
      `/${videoId}/video_insights`,
      insightsSchema,
      'the Reel insights',
    );
    const value = (name: string) => insights.data.find((d) => d.name === name)?.values[0]?.value;
    return {
      views: sumOf(value('blue_reels_play_count')),
      reach: sumOf(value('post_impressions_unique')),
      likes: sumOf(value('post_video_likes_by_reaction_type')),
      comments: sumOf(value('post_video_social_actions'), ['COMMENT']),
      shares: sumOf(value('post_video_social_actions'), ['SHARE']),
    };
  }
}

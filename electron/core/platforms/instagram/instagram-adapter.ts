import { z } from 'zod';
import { contentError, isPlatformError, rateError } from '../error-classification';
import type { GraphClient } from '../meta/graph-client';
import { textEdit } from '../adapter-base';
import { MetaAdapter, type MetaAdapterOptions } from '../meta/meta-adapter';
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

export interface InstagramAdapterOptions extends MetaAdapterOptions {
  /** Posts per rolling 24 h when the API does not say: 50 now, 25 on older pages. */
  publishLimit?: number;
}

const stateSchema = z.union([
  z.object({
    step: z.literal('container'),
    containerId: z.string(),
    offset: z.number().int().nonnegative(),
  }),
  z.object({ step: z.literal('uploaded'), containerId: z.string() }),
  z.object({
    step: z.literal('published'),
    containerId: z.string(),
    mediaId: z.string().optional(),
  }),
]);
type InstagramState = z.infer<typeof stateSchema>;

const limitSchema = z.object({
  data: z.array(
    z.object({
      quota_usage: z.number(),
      config: z
        .object({ quota_total: z.number(), quota_duration: z.number().optional() })
        .optional(),
    }),
  ),
});
const idSchema = z.object({ id: z.string() });
const containerStatusSchema = z.object({ status_code: z.string(), status: z.string().optional() });
const mediaSchema = z.object({ id: z.string(), permalink: z.string().optional() });
const insightsSchema = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      values: z.array(z.object({ value: z.unknown() })).optional(),
      total_value: z.object({ value: z.unknown() }).optional(),
    }),
  ),
});

export class InstagramAdapter extends MetaAdapter<'instagram', InstagramAdapterOptions> {
  constructor(options: InstagramAdapterOptions = {}) {
    super('instagram', options);
  }

  private async checkPublishingLimit(graph: GraphClient, userId: string): Promise<void> {
    const limit = await graph.get(
      `/${userId}/content_publishing_limit?fields=config,quota_usage`,
      limitSchema,
      'the publishing limit',
    );
    const usage = limit.data[0];
    const total = usage?.config?.quota_total ?? this.options.publishLimit ?? 50;
    if (usage && usage.quota_usage >= total)
      throw rateError('instagram', `${usage.quota_usage} of ${total} posts in the last 24 hours`, {
        reason: 'content_publishing_limit',
        retryAfterMs: 3_600_000,
      });
  }

  async publish(job: PublishJob, context: PublishContext): Promise<PublishResult> {
    const userId = job.targetId;
    if (!userId) throw contentError('instagram', 'no Instagram account was chosen for the post');
    const graph = this.graph(context);
    const size = job.video.sizeBytes;
    let state: InstagramState | undefined =
      job.state === undefined ? undefined : stateSchema.parse(job.state);
    if (!state) {
      await this.checkPublishingLimit(graph, userId);
      const container = await graph.post(
        `/${userId}/media`,
        {
          media_type: 'REELS',
          upload_type: 'resumable',
          caption: job.settings.caption,
          share_to_feed: 'true',
        },
        idSchema,
        'the Reels container',
      );
      state = { step: 'container', containerId: container.id, offset: 0 };
      await context.saveState(state);
    }
    const containerId = state.containerId;
    if (state.step === 'container') {
      state = await this.upload('ig-api-upload', containerId, job, context, state, {
        step: 'uploaded',
        containerId,
      } satisfies InstagramState);
    }
    if (state.step === 'uploaded') {
      context.onProgress?.({ phase: 'processing', sentBytes: size, totalBytes: size });
      const finished = await this.waitForContainer(graph, containerId, context.signal);
      if (!finished) return { trackingId: containerId, state: 'processing' };
      context.onProgress?.({ phase: 'publishing', sentBytes: size, totalBytes: size });
      const mediaId = await this.publishContainer(graph, userId, containerId, context.signal);
      state = { step: 'published', containerId, mediaId };
      await context.saveState(state);
    }
    context.onProgress?.({ phase: 'done', sentBytes: size, totalBytes: size });
    // A container published by a run whose answer was lost has no known media id; the
    // container id is then the reference.
    const id = state.mediaId ?? containerId;
    return { trackingId: id, platformPostId: state.mediaId, state: 'published' };
  }

  /**
   * The caption goes with the Reels container. A container becomes a post only by media_publish
   * and expires unpublished, so while its video is being sent it is dropped and a new one
   * carries the new caption. Once the video is in, media_publish may have been asked already.
   */
  textEditPlan({ state, refused }: TextEditQuestion): TextEditPlan {
    if (state === undefined) return textEdit.keep;
    const saved = stateSchema.safeParse(state);
    if (!saved.success) return textEdit.unreadable;
    if (saved.data.step === 'published')
      return textEdit.refuse('The Reel is already published on Instagram.');
    if (refused || saved.data.step === 'container') return textEdit.restart;
    return textEdit.refuse(
      'Instagram has the video with its caption, and ReelPilot may already have asked it to publish. Retry the post as it is: ReelPilot first checks whether it went out.',
    );
  }

  /** True when the container is FINISHED (or already PUBLISHED); false when still in progress. */
  private async waitForContainer(
    graph: GraphClient,
    containerId: string,
    signal?: AbortSignal,
  ): Promise<boolean> {
    for (let poll = 0; poll < this.runtime.maxStatusPolls; poll += 1) {
      const status = await graph.get(
        `/${containerId}?fields=status_code,status`,
        containerStatusSchema,
        'the container status',
      );
      if (status.status_code === 'FINISHED' || status.status_code === 'PUBLISHED') return true;
      if (status.status_code === 'ERROR' || status.status_code === 'EXPIRED')
        throw contentError(
          'instagram',
          `the video could not be processed (${status.status ?? status.status_code})`,
          {
            reason: status.status_code,
          },
        );
      await this.runtime.sleep(this.runtime.pollIntervalMs, signal);
    }
    return false;
  }

  /** media_publish is not repeated blindly: after a failure the container says whether it went out. */
  private async publishContainer(
    graph: GraphClient,
    userId: string,
    containerId: string,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    for (let attempt = 0; ; attempt += 1) {
      const status = await graph.get(
        `/${containerId}?fields=status_code`,
        containerStatusSchema,
        'the container status',
      );
      if (status.status_code === 'PUBLISHED') return undefined;
      try {
        return (
          await graph.post(
            `/${userId}/media_publish`,
            { creation_id: containerId },
            idSchema,
            'media_publish',
            false,
          )
        ).id;
      } catch (error) {
        if (
          !isPlatformError(error) ||
          error.kind !== 'transient' ||
          attempt + 1 >= this.runtime.retry.maxAttempts
        )
          throw error;
        await this.runtime.sleep(this.runtime.retry.baseDelayMs * 2 ** attempt, signal);
      }
    }
  }

  async status(mediaId: string, context: ReadContext): Promise<PostStatus> {
    const media = await this.graph(context).get(
      `/${mediaId}?fields=id,permalink`,
      mediaSchema,
      'the post',
    );
    return { state: 'published', platformPostId: media.id, url: media.permalink };
  }

  async metrics(mediaId: string, context: ReadContext): Promise<PostMetrics> {
    const insights = await this.graph(context).get(
      `/${mediaId}/insights?metric=views,reach,likes,comments,shares,saved,total_interactions`,
      insightsSchema,
      'the insights',
    );
    // Insights lag up to 48 h: a metric not reported yet stays undefined, never 0.
    const value = (name: string): number | undefined => {
      const entry = insights.data.find((d) => d.name === name);
      const raw = entry?.total_value?.value ?? entry?.values?.[0]?.value;
      return typeof raw === 'number' ? raw : undefined;
    };
    return {
      views: value('views'),
      reach: value('reach'),
      likes: value('likes'),
      comments: value('comments'),
      shares: value('shares'),
      saves: value('saved'),
    };
  }
}

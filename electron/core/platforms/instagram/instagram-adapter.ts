import { z } from 'zod';
import {
  contentError,
  isPlatformError,
  rateError,
  unknownOutcomeError,
} from '../error-classification';
import {
  assertLookupSettled,
  duringLookup,
  irreversibleCall,
  markedAt,
} from '../irreversible-call';
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
  /** The marker: media_publish was being called at `at`. */
  z.object({ step: z.literal('publishing'), containerId: z.string(), at: markedAt }),
  z.object({
    step: z.literal('published'),
    containerId: z.string(),
    /** Absent in states of older versions whose publish answer was lost. */
    mediaId: z.string().optional(),
    at: markedAt.optional(),
  }),
]);
type InstagramState = z.infer<typeof stateSchema>;
type ContainerState = Extract<InstagramState, { step: 'container' }>;
type Marker = Extract<InstagramState, { step: 'publishing' }>;
type Published = Extract<InstagramState, { step: 'published' }>;

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
/** `GET /{ig-user-id}/media`: the account's recent media, newest first. */
const recentMediaSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      caption: z.string().optional(),
      timestamp: z.string().optional(),
      permalink: z.string().optional(),
    }),
  ),
});
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

  /** A resumable Reels container for the post, saved before any byte is sent. */
  private async newContainer(
    graph: GraphClient,
    job: PublishJob,
    userId: string,
    context: PublishContext,
  ): Promise<ContainerState> {
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
    const state: ContainerState = { step: 'container', containerId: container.id, offset: 0 };
    await context.saveState(state);
    return state;
  }

  private uploadInto(
    state: ContainerState,
    job: PublishJob,
    context: PublishContext,
  ): Promise<Extract<InstagramState, { step: 'uploaded' }>> {
    const { containerId } = state;
    return this.upload('ig-api-upload', containerId, job, context, state, {
      step: 'uploaded',
      containerId,
    });
  }

  async publish(job: PublishJob, context: PublishContext): Promise<PublishResult> {
    const userId = job.targetId;
    if (!userId) throw contentError('instagram', 'no Instagram account was chosen for the post');
    const graph = this.graph(context);
    const size = job.video.sizeBytes;
    let state: InstagramState | undefined =
      job.state === undefined ? undefined : stateSchema.parse(job.state);
    if (!state) state = await this.newContainer(graph, job, userId, context);
    if (state.step === 'container') {
      try {
        state = await this.uploadInto(state, job, context);
      } catch (error) {
        // Instagram refused a part for good: it holds bytes this run cannot see (the last part
        // arrived, its answer or its saved offset did not), and rupload cannot be asked how far
        // an upload got. The container was never published, so a fresh one takes its place once
        // (the old one expires unpublished): still one Reel.
        if (!isPlatformError(error) || error.kind !== 'content') throw error;
        state = await this.uploadInto(
          await this.newContainer(graph, job, userId, context),
          job,
          context,
        );
      }
    }
    const containerId = state.containerId;
    if (state.step === 'publishing') {
      // The last run died, or lost the answer, while media_publish ran: the container knows.
      assertLookupSettled('instagram', this.runtime, state.at);
      state = await this.afterLostAnswer(graph, job, userId, state, context);
    }
    if (state.step === 'uploaded') {
      context.onProgress?.({ phase: 'processing', sentBytes: size, totalBytes: size });
      // A container still processing is not a post: publish() is called again later.
      if (!(await this.waitForContainer(graph, containerId, context.signal)))
        return { state: 'waiting', detail: 'Instagram is still processing the video' };
      context.onProgress?.({ phase: 'publishing', sentBytes: size, totalBytes: size });
      state = await this.publishContainer(graph, job, userId, containerId, context);
    }
    let mediaId = state.mediaId;
    if (!mediaId) {
      // Published by an older version whose answer was lost: the media is found by its caption.
      mediaId = (await this.findMedia(graph, job, userId, state.at ?? 0)) ?? undefined;
      if (!mediaId)
        throw unknownOutcomeError(
          'instagram',
          'the container says published but the post is not listed yet',
        );
      await context.saveState({ ...state, mediaId } satisfies Published);
    }
    context.onProgress?.({ phase: 'done', sentBytes: size, totalBytes: size });
    return { trackingId: mediaId, platformPostId: mediaId, state: 'published' };
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
      const status = await this.containerStatus(graph, containerId);
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

  private containerStatus(graph: GraphClient, containerId: string) {
    return graph.get(
      `/${containerId}?fields=status_code,status`,
      containerStatusSchema,
      'the container status',
    );
  }

  /** media_publish, once: the marker is on disk and ownership checked right before. */
  private async publishContainer(
    graph: GraphClient,
    job: PublishJob,
    userId: string,
    containerId: string,
    context: PublishContext,
  ): Promise<Published> {
    const marker: Marker = { step: 'publishing', containerId, at: this.runtime.now() };
    await context.beforeIrreversible(marker);
    try {
      const { id } = await irreversibleCall('instagram', () =>
        graph.post(
          `/${userId}/media_publish`,
          { creation_id: containerId },
          idSchema,
          'media_publish',
          false,
        ),
      );
      const published: Published = { step: 'published', containerId, mediaId: id };
      await context.saveState(published);
      return published;
    } catch (error) {
      if (!isPlatformError(error) || error.kind === 'unknown') throw error;
      // A refusal may say it is published already (an earlier answer lost): the container knows.
      const status = await duringLookup('instagram', () =>
        this.containerStatus(graph, containerId),
      );
      if (status.status_code === 'PUBLISHED') {
        const found = await this.afterLostAnswer(graph, job, userId, marker, context);
        if (found.step === 'published') return found;
      }
      await context.saveState({ step: 'uploaded', containerId } satisfies InstagramState);
      throw error;
    }
  }

  /**
   * After a media_publish whose outcome is unknown: the container's status says whether it was
   * published (then the media is found among the account's recent posts by its caption), or
   * not (then it may be published again).
   */
  private async afterLostAnswer(
    graph: GraphClient,
    job: PublishJob,
    userId: string,
    marker: Marker,
    context: PublishContext,
  ): Promise<Published | Extract<InstagramState, { step: 'uploaded' }>> {
    const { containerId, at } = marker;
    const status = await duringLookup('instagram', () => this.containerStatus(graph, containerId));
    if (status.status_code !== 'PUBLISHED') {
      const back = { step: 'uploaded' as const, containerId };
      await context.saveState(back);
      return back;
    }
    const mediaId = await this.findMedia(graph, job, userId, at);
    if (!mediaId)
      throw unknownOutcomeError(
        'instagram',
        'the container says published but the post is not listed yet',
      );
    const published: Published = { step: 'published', containerId, mediaId, at };
    await context.saveState(published);
    return published;
  }

  /** The id of our Reel among the account's recent media: its caption, posted after `at`. */
  private async findMedia(
    graph: GraphClient,
    job: PublishJob,
    userId: string,
    at: number,
  ): Promise<string | null> {
    const recent = await duringLookup('instagram', () =>
      graph.get(
        `/${userId}/media?fields=id,caption,timestamp,permalink&limit=50`,
        recentMediaSchema,
        'the recent posts',
      ),
    );
    // An hour's margin for a clock that differs from Instagram's.
    const since = at - 3_600_000;
    const match = recent.data.find(
      (m) =>
        (m.caption ?? '') === job.settings.caption &&
        (m.timestamp === undefined || Date.parse(m.timestamp) >= since),
    );
    return match?.id ?? null;
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

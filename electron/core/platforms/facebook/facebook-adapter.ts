import { z } from 'zod';
import { contentError, isPlatformError } from '../error-classification';
import { duringLookup, irreversibleCall, markedAt } from '../irreversible-call';
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

export interface FacebookAdapterOptions extends MetaAdapterOptions {
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
  /** The marker: the Reel was being published (`finish`) at `at`. */
  z.object({ step: z.literal('finishing'), videoId: z.string(), at: markedAt }),
  z.object({ step: z.literal('finished'), videoId: z.string() }),
]);
type FacebookState = z.infer<typeof stateSchema>;

const startSchema = z.object({ video_id: z.string(), upload_url: z.string().optional() });
const successSchema = z.object({ success: z.boolean() });
const phase = z.object({ status: z.string() }).partial().optional();
const uploadingPhase = z
  .object({ status: z.string(), bytes_transferred: z.number().int().nonnegative() })
  .partial()
  .optional();
const statusSchema = z.object({
  id: z.string().optional(),
  status: z.object({
    video_status: z.string(),
    uploading_phase: uploadingPhase,
    processing_phase: phase,
    publishing_phase: phase,
  }),
  permalink_url: z.string().optional(),
});
const insightsSchema = z.object({
  data: z.array(z.object({ name: z.string(), values: z.array(z.object({ value: z.unknown() })) })),
});

function sumOf(value: unknown, keys?: string[]): number | undefined {
  if (typeof value === 'number') return value;
  if (value === null || typeof value !== 'object') return undefined;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([key, v]) => typeof v === 'number' && (!keys || keys.includes(key)),
  );
  return entries.length === 0 ? undefined : entries.reduce((sum, [, v]) => sum + (v as number), 0);
}

export class FacebookAdapter extends MetaAdapter<'facebook', FacebookAdapterOptions> {
  constructor(options: FacebookAdapterOptions = {}) {
    super('facebook', options);
  }

  async publish(job: PublishJob, context: PublishContext): Promise<PublishResult> {
    const pageId = job.targetId;
    if (!pageId) throw contentError('facebook', 'no Facebook Page was chosen for the post');
    const graph = this.graph(context);
    const size = job.video.sizeBytes;
    const resumed = job.state !== undefined;
    let state: FacebookState | undefined = resumed ? stateSchema.parse(job.state) : undefined;
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
      state = await this.upload(
        'video-upload',
        videoId,
        job,
        context,
        state,
        { step: 'uploaded', videoId } satisfies FacebookState,
        { resumed, received: () => this.bytesReceived(videoId, size, context) },
      );
    }
    // After a lost answer or a crash at the marker, `finish` is simply called again: it names the
    // uploaded video, so a second call can never make a second Reel.
    if (state.step === 'uploaded' || state.step === 'finishing') {
      context.onProgress?.({ phase: 'publishing', sentBytes: size, totalBytes: size });
      await context.beforeIrreversible({
        step: 'finishing',
        videoId,
        at: this.runtime.now(),
      } satisfies FacebookState);
      try {
        await irreversibleCall('facebook', () =>
          graph.post(
            `/${pageId}/video_reels`,
            {
              upload_phase: 'finish',
              video_id: videoId,
              video_state: this.options.videoState ?? 'PUBLISHED',
              description: job.settings.caption,
            },
            successSchema,
            'the Reel publication',
            false,
          ),
        );
      } catch (error) {
        if (!isPlatformError(error) || error.kind === 'unknown') throw error;
        // A refusal may say the Reel is published already; otherwise it was not published.
        if (!(await this.finishedAlready(videoId, context))) {
          await context.saveState({ step: 'uploaded', videoId } satisfies FacebookState);
          throw error;
        }
      }
      state = { step: 'finished', videoId };
      await context.saveState(state);
    }
    const published = await this.waitUntilPublished(videoId, size, context);
    return published
      ? { trackingId: videoId, platformPostId: videoId, url: published.url, state: 'published' }
      : { trackingId: videoId, state: 'processing' };
  }

  /** How many bytes of the video Facebook holds (its upload phase), or null when it does not say. */
  private async bytesReceived(
    videoId: string,
    size: number,
    context: ReadContext,
  ): Promise<number | null> {
    const { status } = await this.graph(context).get(
      `/${videoId}?fields=status`,
      statusSchema,
      'the Reel upload status',
    );
    const uploading = status.uploading_phase;
    if (uploading?.status === 'complete') return size;
    return uploading?.bytes_transferred ?? null;
  }

  /** Whether `finish` happened: the video left its upload phases. */
  private async finishedAlready(videoId: string, context: ReadContext): Promise<boolean> {
    const status = await duringLookup('facebook', () => this.status(videoId, context));
    return !(
      status.state === 'processing' &&
      (status.detail === 'upload_complete' || status.detail === 'upload_pending')
    );
  }

  /**
   * The description goes with the finish step, after the video: until then the upload is kept
   * and the finish carries the new text. Once finished, the Reel is published or on its way.
   */
  textEditPlan({ state, refused }: TextEditQuestion): TextEditPlan {
    if (state === undefined) return textEdit.keep;
    const saved = stateSchema.safeParse(state);
    if (!saved.success) return textEdit.unreadable;
    if (saved.data.step !== 'finished') return textEdit.keep;
    if (refused) return textEdit.restart;
    return textEdit.refuse(
      'Facebook already has this Reel with its description: it is published or being processed. Retry the post as it is.',
    );
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

import {
  type EndpointOverrides,
  type PlatformEndpoints,
  type PlatformId,
} from '../../../shared/domain/platforms';
import { contentError } from './error-classification';
import type {
  PlatformAdapter,
  PostMetrics,
  PostSettings,
  PostStatus,
  PublishContext,
  PublishJob,
  PublishResult,
  ReadContext,
  TextEditPlan,
  TextEditQuestion,
  ValidationProblem,
  VideoFacts,
} from './platform-adapter';
import { endpointsFor, type ServiceId } from './platform-endpoints';
import { runtimeWith, TokenSession, type AdapterRuntime } from './upload-runtime';
import { checkVideoRules, rulesFor, type VideoRules } from './video-rules';

/** What the options of every client of a platform or Drive start with. */
export interface ServiceOptions {
  endpoints?: EndpointOverrides;
  runtime?: Partial<AdapterRuntime>;
}

/** The preamble of every client: its runtime, its endpoints and a token session per call. */
export abstract class ServiceClient<S extends ServiceId, O extends ServiceOptions> {
  protected readonly runtime: AdapterRuntime;

  constructor(
    protected readonly service: S,
    protected readonly options: O,
  ) {
    this.runtime = runtimeWith(options.runtime);
  }

  protected get endpoints(): PlatformEndpoints {
    return endpointsFor(this.service, this.options.endpoints);
  }

  protected tokens(context: ReadContext): TokenSession {
    return new TokenSession(this.service, context.getAccessToken);
  }
}

export interface AdapterOptions extends ServiceOptions {
  rules?: Partial<VideoRules>;
}

/** What the five adapters share besides their protocol: video rules and the wait for a post. */
export abstract class PlatformAdapterBase<P extends PlatformId, O extends AdapterOptions>
  extends ServiceClient<P, O>
  implements PlatformAdapter
{
  readonly platform: P;
  protected readonly rules: VideoRules;

  constructor(platform: P, options: O) {
    super(platform, options);
    this.platform = platform;
    this.rules = rulesFor(platform, options.rules);
  }

  validate(video: VideoFacts, settings: PostSettings): ValidationProblem[] {
    return checkVideoRules(this.platform, this.rules, video, settings);
  }

  abstract publish(job: PublishJob, context: PublishContext): Promise<PublishResult>;
  abstract status(trackingId: string, context: ReadContext): Promise<PostStatus>;
  abstract metrics(platformPostId: string, context: ReadContext): Promise<PostMetrics>;
  abstract textEditPlan(question: TextEditQuestion): TextEditPlan;

  /**
   * Once the platform has the video: polls `status()` until the post is published (returned)
   * or refused (thrown as a content error); null while it is still processing after the polls
   * the runtime allows, for the caller to hand back as `processing`.
   */
  protected async waitUntilPublished(
    trackingId: string,
    sizeBytes: number,
    context: PublishContext,
  ): Promise<Extract<PostStatus, { state: 'published' }> | null> {
    const progress = (phase: 'processing' | 'done') =>
      context.onProgress?.({ phase, sentBytes: sizeBytes, totalBytes: sizeBytes });
    progress('processing');
    for (let poll = 0; poll < this.runtime.maxStatusPolls; poll += 1) {
      const status = await this.status(trackingId, context);
      if (status.state === 'failed') throw contentError(this.platform, status.message);
      if (status.state === 'published') {
        progress('done');
        return status;
      }
      await this.runtime.sleep(this.runtime.pollIntervalMs, context.signal);
    }
    return null;
  }
}

/** The answers every adapter's `textEditPlan` gives in the same words. */
export const textEdit = {
  keep: { kind: 'keep' } as TextEditPlan,
  restart: { kind: 'restart' } as TextEditPlan,
  refuse: (reason: string): TextEditPlan => ({ kind: 'refuse', reason }),
  /** Saved state this version cannot read: nothing can be said about what the platform has. */
  unreadable: {
    kind: 'refuse',
    reason:
      'ReelPilot cannot tell from the saved upload how far it got, so the text cannot change. Retry the post as it is.',
  } as TextEditPlan,
};

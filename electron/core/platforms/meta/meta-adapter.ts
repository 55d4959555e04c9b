import { PlatformAdapterBase, type AdapterOptions } from '../adapter-base';
import type { PublishContext, PublishJob, ReadContext } from '../platform-adapter';
import { GraphClient } from './graph-client';
import { graphVersion } from './meta-errors';
import { rupload } from './rupload';

export interface MetaAdapterOptions extends AdapterOptions {
  /** Bytes per upload POST; the whole file in one request when undefined. */
  chunkBytes?: number;
}

/** What the Facebook and Instagram adapters share: the Graph API client and rupload. */
export abstract class MetaAdapter<
  P extends 'facebook' | 'instagram',
  O extends MetaAdapterOptions,
> extends PlatformAdapterBase<P, O> {
  protected graph(context: ReadContext): GraphClient {
    return new GraphClient(
      this.platform,
      this.endpoints.apiBaseUrl,
      this.runtime,
      this.tokens(context),
      context.signal,
    );
  }

  /**
   * Sends the video by rupload to `{upload root}/{route}/{Graph version}/{id}` from the offset
   * saved in `current`, saving each offset the server confirms; then saves `uploaded`.
   */
  protected async upload<S extends { offset: number }, U>(
    route: 'video-upload' | 'ig-api-upload',
    id: string,
    job: PublishJob,
    context: PublishContext,
    current: S,
    uploaded: U,
  ): Promise<U> {
    const size = job.video.sizeBytes;
    await rupload({
      service: this.platform,
      runtime: this.runtime,
      tokens: this.tokens(context),
      signal: context.signal,
      url: `${this.endpoints.uploadBaseUrl}/${route}/${graphVersion(this.endpoints.apiBaseUrl)}/${id}`,
      filePath: job.video.path,
      totalBytes: size,
      chunkBytes: this.options.chunkBytes,
      offset: current.offset,
      saveOffset: (offset) => context.saveState({ ...current, offset }),
      onProgress: (sentBytes) =>
        context.onProgress?.({ phase: 'uploading', sentBytes, totalBytes: size }),
    });
    await context.saveState(uploaded);
    return uploaded;
  }
}

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
   *
   * The server may hold more than the saved offset: the last part arrived whole and its answer
   * was lost, or the engine died before saving it. It then refuses the saved offset for good, so
   * where the platform says how far an upload got (`server.received`), that is asked when a saved
   * upload is taken up again (`server.resumed`) and after a refused part, and the upload goes on
   * from there.
   */
  protected async upload<S extends { offset: number }, U>(
    route: 'video-upload' | 'ig-api-upload',
    id: string,
    job: PublishJob,
    context: PublishContext,
    current: S,
    uploaded: U,
    server?: { resumed: boolean; received(): Promise<number | null> },
  ): Promise<U> {
    const size = job.video.sizeBytes;
    const send = (offset: number) =>
      rupload({
        service: this.platform,
        runtime: this.runtime,
        tokens: this.tokens(context),
        signal: context.signal,
        url: `${this.endpoints.uploadBaseUrl}/${route}/${graphVersion(this.endpoints.apiBaseUrl)}/${id}`,
        filePath: job.video.path,
        totalBytes: size,
        chunkBytes: this.options.chunkBytes,
        offset,
        saveOffset: (next) => context.saveState({ ...current, offset: next }),
        onProgress: (sentBytes) =>
          context.onProgress?.({ phase: 'uploading', sentBytes, totalBytes: size }),
      });
    /** The server's count when it is ahead of `offset` and within the file; else null. */
    const ahead = async (offset: number) => {
      const held = server ? await server.received() : null;
      return held !== null && held > offset && held <= size ? held : null;
    };
    let offset = current.offset;
    if (server?.resumed) offset = (await ahead(offset)) ?? offset;
    try {
      await send(offset);
    } catch (error) {
      const held = await ahead(offset).catch(() => null);
      if (held === null) throw error;
      await context.saveState({ ...current, offset: held });
      await send(held);
    }
    await context.saveState(uploaded);
    return uploaded;
  }
}

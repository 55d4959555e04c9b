import { mkdirSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigInput, ConfigPreview } from '../../../shared/domain/configs';
import { AppError } from '../errors';
import { PermanentJobError } from '../jobs/jobs-module';
import type { Clock, EventSink, IdGenerator, Logger } from '../ports';
import type { MediaSource } from './generation-ports';
import type { LibraryRenderPort } from './library-render-port';
import { noMediaMessage, planVideo } from './render-planner';

/** Frame height of previews: small enough to render in a few seconds on two cores. */
export const PREVIEW_HEIGHT = 360;

/**
 * Quick previews of a config before it is saved: the first seconds rendered small into
 * `cacheDir/previews`, served by id through the media address (`preview` variant). Only the
 * last few are kept; a new preview stops one still rendering, since only the latest is shown.
 */
export class ConfigPreviews {
  private readonly files = new Map<string, string>();
  private current: AbortController | null = null;

  constructor(
    private readonly deps: {
      port: LibraryRenderPort | null;
      media: MediaSource | null;
      dir: string;
      clock: Clock;
      ids: IdGenerator;
      events: EventSink;
      logger: Logger;
      keep?: number;
    },
  ) {
    // Previews of an earlier session are never addressed again.
    rmSync(deps.dir, { recursive: true, force: true });
  }

  /** The file of a preview made in this session, or null. */
  fileOf(previewId: string): string | null {
    return this.files.get(previewId) ?? null;
  }

  async preview(input: {
    requestId: string;
    config: ConfigInput;
    seconds: number;
  }): Promise<ConfigPreview> {
    const { port, media } = this.deps;
    if (!port || !media) {
      throw new AppError(
        'UNAVAILABLE',
        'Previews are not available in this build of ReelPilot: the render engine or the media library is missing.',
      );
    }
    const { config } = input;
    const clips = await media.pick({
      sources: config.content.sources,
      count: config.content.clipCount,
      order: config.content.order,
      offset: 0,
      kind: 'visual',
    });
    if (clips.length === 0) throw new AppError('BAD_INPUT', noMediaMessage(config.content.sources));
    const previewId = this.deps.ids.newId();
    let plan;
    try {
      plan = await planVideo(
        media,
        config,
        { at: this.deps.clock.now(), runId: previewId, index: 1, count: 1 },
        clips,
      );
    } catch (error) {
      if (error instanceof PermanentJobError) throw new AppError('BAD_INPUT', error.message);
      throw error;
    }

    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    mkdirSync(this.deps.dir, { recursive: true });
    const outputPath = path.join(this.deps.dir, `${previewId}.mp4`);
    try {
      const result = await port.preview(
        plan,
        outputPath,
        { seconds: Math.min(input.seconds, config.content.lengthSeconds), height: PREVIEW_HEIGHT },
        (progress) =>
          this.deps.events.emit('configs:previewProgress', {
            requestId: input.requestId,
            fraction: Math.min(1, Math.max(0, progress.fraction)),
          }),
        controller.signal,
      );
      this.remember(previewId, outputPath);
      const { size } = await stat(outputPath);
      return {
        previewId,
        durationMs: result.durationMs,
        width: result.width,
        height: result.height,
        sizeBytes: size,
        elapsedMs: result.elapsedMs,
      };
    } finally {
      if (this.current === controller) this.current = null;
    }
  }

  close(): void {
    this.current?.abort();
  }

  private remember(previewId: string, file: string): void {
    this.files.set(previewId, file);
    const keep = this.deps.keep ?? 3;
    for (const [id, old] of this.files) {
      if (this.files.size <= keep) break;
      this.files.delete(id);
      rmSync(old, { force: true });
    }
  }
}

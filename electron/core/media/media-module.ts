import { describeError } from '../errors';
import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import type { FfmpegToolsPort } from '../ffmpeg/ffmpeg-module';
import { mediaHandlers } from './media-handlers';
import { MediaRepository } from './media-repository';
import { MediaService } from './media-service';

export type { MediaService } from './media-service';
/** How the library recognises the same media under two names (a batch warns of it early). */
export { hashFile } from './media-files';

export interface MediaModuleOptions {
  thumbnailConcurrency?: number;
  importConcurrency?: number;
  uploadLimitBytes?: number;
  watchDebounceMs?: number;
  /** Off: no start-up check of files and no resumed thumbnails (benchmarks measure them). */
  startInBackground?: boolean;
}

/** The media library: import, probe, thumbnails, watched folders, serving files. */
export function createMediaModule(
  core: ModuleCore,
  deps: { ffmpeg: FfmpegToolsPort; options: MediaModuleOptions | undefined },
) {
  const { ports } = core;
  const basics = servicePorts(core, 'media');
  const { startInBackground, ...tuning } = deps.options ?? {};
  let previewFile: ((id: string) => string | null) | null = null;
  const service = new MediaService({
    repository: new MediaRepository(core.db),
    tools: () => deps.ffmpeg.require('The media library needs ffmpeg and ffprobe to read files.'),
    ...basics,
    paths: ports.paths,
    desktop: ports.desktop,
    ...tuning,
    previewFile: (id) => previewFile?.(id) ?? null,
  });
  return defineModule({
    name: 'media',
    service,
    handlers: mediaHandlers(service),
    /** Config previews are served beside library files; generation says where they are. */
    servePreviews(lookup: (id: string) => string | null): void {
      previewFile = lookup;
    },
    start: async () => {
      if (startInBackground === false) return;
      // In the background: the app is usable while thousands of files are checked.
      void service.start().catch((error: unknown) =>
        basics.logger.warn('media library start-up check failed', {
          error: describeError(error),
        }),
      );
    },
    stop: () => service.close(),
  });
}

export type MediaModule = ReturnType<typeof createMediaModule>;

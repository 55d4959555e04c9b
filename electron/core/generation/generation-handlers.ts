import type { configsChannels } from '../../../shared/contract/configs-channels';
import type { ChannelHandlers } from '../ipc/handler-registry';
import type { MediaService } from '../media/media-module';
import type { ConfigPreviews } from './config-previews';
import type { MediaLibrarySource } from './media-library-source';

export function generationHandlers(
  previews: ConfigPreviews,
  media: Pick<MediaService, 'findRendered'>,
  source: Pick<MediaLibrarySource, 'count'>,
): ChannelHandlers<
  typeof configsChannels,
  'configs:preview' | 'configs:renderedMedia' | 'configs:countSources'
> {
  return {
    'configs:preview': (input) => previews.preview(input),
    'configs:countSources': async ({ sources }) => ({
      count: await source.count({ sources, kind: 'visual' }),
    }),
    'configs:renderedMedia': async ({ paths }) =>
      Promise.all(paths.map(async (path) => ({ path, item: await media.findRendered(path) }))),
  };
}

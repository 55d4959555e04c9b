import type { configsChannels } from '../../../shared/contract/configs-channels';
import type { ChannelHandlers } from '../ipc/handler-registry';
import type { MediaService } from '../media/media-module';
import type { ConfigPreviews } from './config-previews';

export function generationHandlers(
  previews: ConfigPreviews,
  media: Pick<MediaService, 'findByPath'>,
): ChannelHandlers<typeof configsChannels, 'configs:preview' | 'configs:renderedMedia'> {
  return {
    'configs:preview': (input) => previews.preview(input),
    'configs:renderedMedia': async ({ paths }) =>
      Promise.all(paths.map(async (path) => ({ path, item: await media.findByPath(path) }))),
  };
}

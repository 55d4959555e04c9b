import type { settingsChannels } from '../../../shared/contract/settings-channels';
import { defineModule, type ModuleCore } from '../engine-module';
import type { ChannelHandlers } from '../ipc/handler-registry';
import type { SettingsService } from '../settings/settings-module';
import { CachedFfmpegTools } from './ffmpeg-tools';

export type { FfmpegTools, FfmpegToolsPort } from './ffmpeg-tools';

/** ffmpeg and ffprobe, found once for the media library, renders and uploads. */
export function createFfmpegModule(core: ModuleCore, deps: { settings: SettingsService }) {
  const service = new CachedFfmpegTools({
    configuredPath: async () => (await deps.settings.get()).ffmpegPath,
    resourcesDir: core.ports.paths.resourcesDir,
  });
  const handlers: ChannelHandlers<typeof settingsChannels, 'settings:checkFfmpeg'> = {
    'settings:checkFfmpeg': ({ path }) => service.check(path),
  };
  return defineModule({ name: 'ffmpeg', service, handlers });
}

export type FfmpegModule = ReturnType<typeof createFfmpegModule>;

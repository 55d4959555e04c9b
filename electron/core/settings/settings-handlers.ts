import type { settingsChannels } from '../../../shared/contract/settings-channels';
import type { ChannelHandlers } from '../ipc/handler-registry';
import type { SettingsService } from './settings-service';

/** `settings:checkFfmpeg` is answered by the ffmpeg module, which finds the programs. */
export function settingsHandlers(
  settings: SettingsService,
): ChannelHandlers<typeof settingsChannels, 'settings:get' | 'settings:update'> {
  return {
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
  };
}

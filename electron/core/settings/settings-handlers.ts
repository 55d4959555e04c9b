import type { settingsChannels } from '../../../shared/contract/settings-channels';
import { locateFfmpeg } from '../ffmpeg/ffmpeg-locator';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { Paths } from '../ports';
import type { SettingsService } from './settings-service';

export function settingsHandlers(
  settings: SettingsService,
  paths: Paths,
): DomainHandlers<typeof settingsChannels> {
  return {
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
    'settings:checkFfmpeg': async ({ path }) => {
      const configuredPath = path === undefined ? (await settings.get()).ffmpegPath : path;
      return locateFfmpeg({ configuredPath, resourcesDir: paths.resourcesDir });
    },
  };
}

import type { mediaChannels } from '../../../shared/contract/media-channels';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { MediaService } from './media-service';

export function mediaHandlers(media: MediaService): DomainHandlers<typeof mediaChannels> {
  return {
    'media:list': (input) => media.list(input),
    'media:listIds': async (query) => ({ ids: await media.listIds(query) }),
    'media:get': ({ id }) => media.get(id),
    'media:getMany': async ({ ids }) => ({ items: await media.getMany(ids) }),
    'media:stats': () => media.stats(),
    'media:import': ({ paths, copy, tags }) => media.importFiles(paths, { copy, tags }),
    'media:choose': async ({ mode }) => ({ paths: await media.choose(mode) }),
    'media:tag': async ({ ids, add, remove }) => ({ updated: await media.tag(ids, add, remove) }),
    'media:remove': async ({ ids }) => ({ removed: await media.remove(ids) }),
    'media:verify': () => media.verify(),
    'media:retryThumbnails': async ({ ids }) => ({ queued: await media.retryThumbnails(ids) }),
    'media:watchList': async () => ({ folders: await media.watchedFolders() }),
    'media:watchAdd': async ({ path }) => ({ folders: await media.addWatchedFolder(path) }),
    'media:watchRemove': async ({ path }) => ({ folders: await media.removeWatchedFolder(path) }),
  };
}

import type { storageChannels } from '../../../shared/contract/storage-channels';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { StorageService } from './storage-service';

export function storageHandlers(storage: StorageService): DomainHandlers<typeof storageChannels> {
  return {
    'storage:status': () => storage.status(),
    'storage:connect': (input) => storage.connect(input),
    'storage:cancelConnect': async ({ flowId }) => ({ cancelled: storage.cancelConnect(flowId) }),
    'storage:disconnect': () => storage.disconnect(),
    'storage:refreshUsage': () => storage.refreshUsage(),
    'storage:retryUpload': ({ id }) => storage.retryUpload(id),
  };
}

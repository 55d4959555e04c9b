import type { batchChannels } from '../../../shared/contract/batch-channels';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { BatchService } from './batch-service';

export function batchHandlers(service: BatchService): DomainHandlers<typeof batchChannels> {
  return {
    'batch:list': () => service.list(),
    'batch:get': ({ id }) => service.get(id),
    'batch:previewCsv': (file) => service.previewCsv(file),
    'batch:importCsv': (input) => service.importCsv(input),
    'batch:planDistribute': (input) => service.planDistribute(input),
    'batch:createDistribute': (input) => service.createDistribute(input),
    'batch:createGenerate': (input) => service.createGenerate(input),
    'batch:pause': ({ id }) => service.pause(id),
    'batch:resume': ({ id }) => service.resume(id),
    'batch:cancel': ({ id }) => service.cancel(id),
    'batch:retry': ({ id, itemIds }) => service.retry(id, itemIds),
    'batch:delete': ({ id }) => service.delete(id),
    'batch:export': ({ id, format }) => service.export(id, format),
  };
}

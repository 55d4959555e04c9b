import type { EndpointOverrides } from '../../../shared/domain/platforms';
import type { AccountsService } from '../accounts/accounts-module';
import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import type { JobQueue } from '../jobs/jobs-module';
import { DriveClient, type DriveClientOptions } from '../platforms/drive/drive-client';
import { endpointsFor } from '../platforms/platform-endpoints';
import type { RunsModule } from '../runs/runs-module';
import type { SettingsService } from '../settings/settings-module';
import { DriveConnection } from './drive-connection';
import { DriveFolders } from './drive-folders';
import { DriveUploads } from './drive-uploads';
import { StorageUsage } from './drive-usage';
import { storageHandlers } from './storage-handlers';
import { StorageRepository } from './storage-repository';
import type { StorageAlerts } from './storage-alerts';
import { StorageService } from './storage-service';

export type { StorageService } from './storage-service';
export { notifierAlerts, storageCauses, type StorageAlerts } from './storage-alerts';
export type { UploadRequest } from './drive-uploads';
export { IDENTITY_PROPERTY, KIND_PROPERTY } from './drive-uploads';
export { beforeIrreversibleStep } from './job-fencing';
export type { DriveFileInfo } from '../platforms/drive/drive-client';

/**
 * Google Drive as ReelPilot's storage: the connection (its own, not a posting account), the
 * folders, exactly-once uploads on the queue, usage and quota. Rendered videos whose config asks
 * for it are copied to `ReelPilot/Renders/YYYY-MM/`.
 */
export function createStorageModule(
  core: ModuleCore,
  deps: {
    settings: SettingsService;
    accounts: AccountsService;
    jobs: JobQueue;
    runs: RunsModule;
    alerts: StorageAlerts;
    endpointOverrides: EndpointOverrides | undefined;
    /** Adapter tuning (chunk size, retry timing): tests and the sandbox. */
    drive?: Omit<DriveClientOptions, 'endpoints' | 'onRequest'>;
  },
) {
  const basics = servicePorts(core, 'storage');
  const { ports } = core;
  const repository = new StorageRepository(core.db);
  const usage = new StorageUsage({ repository, clock: ports.clock, paths: ports.paths });
  const client = new DriveClient({
    ...deps.drive,
    endpoints: deps.endpointOverrides,
    onRequest: () => usage.countCall(),
  });
  // The service is made last: the parts below call it back through this reference.
  let service: StorageService | null = null;
  const connection = new DriveConnection({
    secrets: ports.secrets,
    clock: ports.clock,
    ids: ports.ids,
    http: ports.http,
    desktop: ports.desktop,
    logger: basics.logger,
    endpoints: endpointsFor('drive', deps.endpointOverrides),
    googleApp: () => deps.accounts.apps.require('youtube'),
    identify: async (accessToken) =>
      (await client.about({ getAccessToken: async () => accessToken })).user,
    progress: (flowId, stage, message) =>
      ports.events.emit('storage:connectProgress', { flowId, stage, message }),
    changed: (change) => service?.connectionChanged(change),
    needsReconnect: (message) => service?.needsReconnect(message),
  });
  const folders = new DriveFolders({
    repository,
    client,
    clock: ports.clock,
    logger: basics.logger,
  });
  const uploads = new DriveUploads({
    repository,
    client,
    connection,
    folders,
    usage,
    queue: deps.jobs,
    ...basics,
    currentQuota: (maxAgeMs) => service?.currentQuota(maxAgeMs) ?? Promise.resolve(null),
    outOfSpace: (needed, free) => service?.outOfSpace(needed, free),
    uploaded: () => service?.uploadFinished(),
  });
  service = new StorageService({
    client,
    connection,
    folders,
    uploads,
    usage,
    paths: ports.paths,
    clock: ports.clock,
    events: ports.events,
    logger: basics.logger,
    alerts: deps.alerts,
    timeZone: async () => (await deps.settings.get()).timeZone,
  });
  const running = service;
  deps.runs.handOverTo(running.renderReceiver());
  return defineModule({
    name: 'storage',
    service: running,
    handlers: storageHandlers(running),
    jobHandlers: [uploads.handler()],
    start: async () => running.start(),
    stop: () => running.stop(),
  });
}

export type StorageModule = ReturnType<typeof createStorageModule>;

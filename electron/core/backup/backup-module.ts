import path from 'node:path';
import { describeError } from '../errors';
import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import type { JobQueue } from '../jobs/jobs-module';
import type { Clock, IdGenerator, Logger, Notifier, Paths } from '../ports';
import type { SettingsService } from '../settings/settings-module';
import type { StorageAlerts, StorageService } from '../storage/storage-module';
import { installationId, LocalBackups } from './backup-files';
import { backupHandlers } from './backup-handlers';
import { BackupRepository } from './backup-repository';
import { BackupSchedule } from './backup-schedule';
import { BackupService } from './backup-service';
import { RestoreService } from './restore-service';
import { makeBackup } from './make-backup';
import { markRestoreAnnounced, readRestoreReport } from './restore-staging';

export type { BackupService } from './backup-service';
export { applyPendingRestore } from './restore-staging';

export function backupsDir(paths: Pick<Paths, 'dataDir'>): string {
  return path.join(paths.dataDir, 'backups');
}

/**
 * Before the migrations of a newer app touch a database written by an older one, a backup of it
 * as it is ("before-update"). A backup that fails is said (a notice) but does not stop ReelPilot
 * from starting: the migrations run in transactions either way.
 */
export async function backupBeforeMigration(input: {
  paths: Paths;
  fromVersion: number;
  toVersion: number;
  appVersion: string;
  nativeBinding?: string | undefined;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  notifier: Notifier;
}): Promise<void> {
  if (input.fromVersion === 0 || input.fromVersion >= input.toVersion) return;
  const logger = input.logger.child({ domain: 'backup' });
  try {
    const manifest = await makeBackup({
      files: new LocalBackups(backupsDir(input.paths), logger),
      dbFile: input.paths.dbFile,
      backupId: input.ids.newId(),
      trigger: 'before-update',
      createdAt: input.clock.now(),
      appVersion: input.appVersion,
      installationId: installationId(input.paths.dataDir),
      nativeBinding: input.nativeBinding,
    });
    logger.info('backup made before updating the database', {
      from: input.fromVersion,
      to: input.toVersion,
      file: manifest.fileName,
    });
  } catch (error) {
    logger.error('backup before updating the database failed', { error: describeError(error) });
    input.notifier.notify({
      level: 'warning',
      title: 'No backup before the update',
      body: `ReelPilot could not back up the database before updating it (${describeError(error)}). Your data was updated in place; back up now in Settings → Storage & backup.`,
    });
  }
}

/**
 * Backups of the database: made by a job (scheduled, on demand), kept by retention here and on
 * Drive, restored through a staged swap at the next start (`applyPendingRestore`).
 */
export function createBackupModule(
  core: ModuleCore,
  deps: {
    settings: SettingsService;
    storage: StorageService;
    jobs: JobQueue;
    alerts: StorageAlerts;
    appVersion: string;
    schemaVersion: number;
    mode: 'desktop' | 'headless';
    nativeBinding?: string | undefined;
    restart: ((reason: string) => void) | null;
  },
) {
  const { ports } = core;
  const basics = servicePorts(core, 'backup');
  const repository = new BackupRepository(core.db);
  const files = new LocalBackups(backupsDir(ports.paths), basics.logger);
  const service = new BackupService({
    repository,
    files,
    storage: deps.storage,
    queue: deps.jobs,
    paths: ports.paths,
    ...basics,
    alerts: deps.alerts,
    appVersion: deps.appVersion,
    schemaVersion: deps.schemaVersion,
    installationId: installationId(ports.paths.dataDir),
    nativeBinding: deps.nativeBinding,
    secretStore: ports.secrets.info(),
    mode: deps.mode,
    timeZone: async () => (await deps.settings.get()).timeZone,
  });
  const restores = new RestoreService({
    backups: service,
    files,
    storage: deps.storage,
    repository,
    paths: ports.paths,
    clock: ports.clock,
    ids: ports.ids,
    logger: basics.logger,
    schemaVersion: deps.schemaVersion,
    nativeBinding: deps.nativeBinding,
    restart: deps.restart,
  });
  const schedule = new BackupSchedule({
    repository,
    clock: ports.clock,
    power: ports.power,
    logger: basics.logger,
    current: async () => ({
      settings: await service.settings(),
      timeZone: (await deps.settings.get()).timeZone,
    }),
    enqueue: (dueAt) => service.enqueueScheduled(dueAt),
  });
  service.schedule = schedule;
  const copyMissing = () =>
    void service
      .copyMissingToDrive()
      .catch((error: unknown) =>
        basics.logger.warn('local backups not queued for Drive', { error: describeError(error) }),
      );
  deps.storage.onConnected(copyMissing);
  return defineModule({
    name: 'backup',
    service,
    handlers: backupHandlers(service, restores),
    jobHandlers: [service.handler()],
    /** For system health: when the newest backup was made. */
    lastBackupAt: () => service.lastBackupAt(),
    start: async () => {
      const restored = readRestoreReport(ports.paths);
      if (restored && !restored.announced) {
        markRestoreAnnounced(ports.paths);
        const c = restored.counts;
        ports.notifier.notify({
          level: 'info',
          title: 'Backup restored',
          body: `The data of ${new Date(restored.backupCreatedAt).toLocaleString()} is back: ${c.accounts} accounts, ${c.configs} configs, ${c.posts} posts.`,
        });
      }
      await schedule.start();
      copyMissing();
    },
    stop: async () => void (await schedule.stop()),
  });
}

export type BackupModule = ReturnType<typeof createBackupModule>;

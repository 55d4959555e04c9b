import { z } from 'zod';
import {
  backupSettingsPatchSchema,
  backupSettingsSchema,
  defaultBackupSettings,
  type BackupList,
  type BackupProgress,
  type BackupSettings,
  type BackupSettingsPatch,
  type BackupStatus,
  type BackupTrigger,
} from '../../../shared/domain/backup';
import { AppError, describeError } from '../errors';
import {
  PermanentJobError,
  type JobContext,
  type JobHandler,
  type JobQueue,
} from '../jobs/jobs-module';
import type { Clock, EventSink, IdGenerator, Logger, Paths, SecretStoreInfo } from '../ports';
import { storageCauses, type StorageAlerts, type StorageService } from '../storage/storage-module';
import { manifestToAppProperties, type BackupManifest, type LocalBackups } from './backup-files';
import type { BackupRepository } from './backup-repository';
import { nextBackupAt, type BackupSchedule } from './backup-schedule';
import { stageWords, vaultAdvice } from './backup-words';
import { dismissRestoreReport, hasPendingRestore, readRestoreReport } from './restore-staging';
import { retainedBackups } from './retention';
import { makeBackup } from './make-backup';
import { driveBackups, listBackups, type DriveBackup } from './backup-listing';

export const BACKUP_JOB = 'backup';
const settingsKey = 'settings';

const jobDataSchema = z.object({
  backupId: z.string().min(1),
  trigger: z.enum(['scheduled', 'manual']),
});
type JobData = z.infer<typeof jobDataSchema>;

/** The storage the backups use: Drive's files and the upload queue. */
export type BackupStorage = Pick<
  StorageService,
  'isConnected' | 'enqueueUpload' | 'cancelUpload' | 'uploadOf' | 'drive'
>;

export interface BackupServiceDeps {
  repository: BackupRepository;
  files: LocalBackups;
  storage: BackupStorage;
  queue: JobQueue;
  paths: Paths;
  clock: Clock;
  ids: IdGenerator;
  events: EventSink;
  logger: Logger;
  alerts: StorageAlerts;
  appVersion: string;
  /** The newest schema this app knows: a backup with a higher one cannot be restored. */
  schemaVersion: number;
  installationId: string;
  nativeBinding?: string | undefined;
  secretStore: SecretStoreInfo;
  mode: 'desktop' | 'headless';
  timeZone(): Promise<string>;
}

/**
 * Backups of the database: a consistent snapshot (never a file copy), checked, compressed and
 * written to `DATA/backups/` with its manifest, then copied to Drive's `ReelPilot/Backups/`;
 * on a schedule, on demand and before an update migrates the database; kept by a retention rule
 * here and on Drive; restored with the engine stopped.
 */
export class BackupService {
  private running: BackupProgress | null = null;
  private restoring = false;
  schedule: BackupSchedule | null = null;

  constructor(private readonly deps: BackupServiceDeps) {}

  /** Pushes where a backup or a restore stands to the screens. */
  report(progress: BackupProgress): void {
    this.running = progress.stage === 'done' || progress.stage === 'failed' ? null : progress;
    this.deps.events.emit('backup:progress', progress);
  }

  changed(reason: string): void {
    this.deps.events.emit('backup:changed', { reason });
  }

  /** A restore starts: refused while a backup or another restore runs; no backup starts meanwhile. */
  beginRestore(): void {
    if (this.restoring || this.running) {
      throw new AppError(
        'CONFLICT',
        'A backup or a restore is already under way; wait until it ends.',
      );
    }
    this.restoring = true;
  }

  endRestore(): void {
    this.restoring = false;
  }

  /* ------------------------------------------------------------ settings and status */

  async settings(): Promise<BackupSettings> {
    const stored = z
      .record(z.string(), z.unknown())
      .safeParse(await this.deps.repository.read(settingsKey));
    const merged: Record<string, unknown> = { ...defaultBackupSettings };
    if (stored.success) {
      for (const [key, value] of Object.entries(stored.data)) {
        const field = backupSettingsSchema.shape[key as keyof BackupSettings] as
          z.ZodType | undefined;
        if (field?.safeParse(value).success) merged[key] = value;
      }
    }
    return backupSettingsSchema.parse(merged);
  }

  async updateSettings(patch: BackupSettingsPatch): Promise<BackupStatus> {
    const next = backupSettingsSchema.parse({
      ...(await this.settings()),
      ...backupSettingsPatchSchema.parse(patch),
    });
    const now = this.deps.clock.now();
    await this.deps.repository.write(settingsKey, next, now);
    // A new time or a schedule turned back on counts from now: no backup fires at once for it.
    await this.deps.repository.write('schedule.handledUntil', now, now);
    this.schedule?.wake();
    if (
      patch.keepDaily !== undefined ||
      patch.keepWeekly !== undefined ||
      patch.keepMonthly !== undefined
    )
      await this.applyRetention().catch((error: unknown) =>
        this.deps.logger.warn('retention not applied after a settings change', {
          error: describeError(error),
        }),
      );
    this.changed('settings');
    return this.status();
  }

  async status(): Promise<BackupStatus> {
    const settings = await this.settings();
    const timeZone = await this.deps.timeZone();
    const report = readRestoreReport(this.deps.paths);
    return {
      settings,
      timeZone,
      lastBackupAt: this.lastBackupAt(),
      nextBackupAt:
        (await this.schedule?.nextDueAt()) ??
        nextBackupAt(settings, timeZone, this.deps.clock.now()),
      running: this.running,
      lastRestore: report
        ? {
            backupId: report.backupId,
            backupCreatedAt: report.backupCreatedAt,
            appVersion: report.appVersion,
            restoredAt: report.restoredAt,
            counts: report.counts,
            undoBackupId: report.undoBackupId,
          }
        : null,
      restorePending: hasPendingRestore(this.deps.paths),
      vault: vaultAdvice(this.deps.secretStore, this.deps.mode, this.deps.paths.dataDir),
      backupsDir: this.deps.files.dir,
      driveConnected: await this.deps.storage.isConnected(),
    };
  }

  /** When the newest backup on this computer was made (system health shows it). */
  lastBackupAt(): number | null {
    return this.deps.files.list()[0]?.createdAt ?? null;
  }

  async dismissRestoreReport(): Promise<BackupStatus> {
    dismissRestoreReport(this.deps.paths);
    return this.status();
  }

  /* ------------------------------------------------------------ the list */

  /** Drive's backups: any ReelPilot's in `ReelPilot/Backups/`, by their app properties. */
  driveBackups(): Promise<DriveBackup[]> {
    return driveBackups(this.deps.storage);
  }

  /** The backups here and on Drive, one entry per backup, newest first. */
  list(): Promise<BackupList> {
    return listBackups({
      files: this.deps.files,
      storage: this.deps.storage,
      installationId: this.deps.installationId,
      schemaVersion: this.deps.schemaVersion,
    });
  }

  /* ------------------------------------------------------------ making backups */

  /** Queues a backup now; answers its id, whose progress comes as `backup:progress`. */
  async runNow(): Promise<{ backupId: string }> {
    if (this.restoring) throw new AppError('CONFLICT', 'A restore is under way; back up after it.');
    const backupId = this.deps.ids.newId();
    await this.deps.queue.enqueue(BACKUP_JOB, { backupId, trigger: 'manual' } satisfies JobData, {
      idempotencyKey: `${BACKUP_JOB}:${backupId}`,
      priority: 10,
    });
    this.report({
      operation: 'backup',
      backupId,
      stage: 'snapshot',
      fraction: null,
      message: 'Waiting to start…',
    });
    return { backupId };
  }

  /** The scheduled backup due at `dueAt` (its key: a restart never queues it twice). */
  async enqueueScheduled(dueAt: number): Promise<void> {
    await this.deps.queue.enqueue(
      BACKUP_JOB,
      { backupId: this.deps.ids.newId(), trigger: 'scheduled' } satisfies JobData,
      { idempotencyKey: `${BACKUP_JOB}:scheduled:${dueAt}` },
    );
  }

  handler(): JobHandler<JobData> {
    return {
      kind: BACKUP_JOB,
      maxAttempts: 3,
      concurrency: 1,
      leaseMs: 60_000,
      backoff: { baseMs: 60_000, capMs: 30 * 60_000 },
      parseData: (data) => jobDataSchema.parse(data),
      run: (data, context) => this.runJob(data, context),
      onSettled: (job, data) => {
        if (job.state !== 'dead' || !data) return;
        this.deps.alerts.notify(storageCauses.backupFailed, {
          level: 'error',
          title: 'The backup failed',
          body: `${job.lastError ?? 'The backup could not be made.'} The previous backups are kept. Try "Back up now" in Settings → Storage & backup.`,
        });
      },
    };
  }

  private async runJob(data: JobData, context: JobContext): Promise<unknown> {
    if (this.restoring)
      throw new PermanentJobError('A restore was under way, so this backup was skipped.');
    const existing = this.deps.files.get(data.backupId);
    const manifest =
      existing ??
      (await this.create(data.backupId, data.trigger, {
        signal: context.signal,
        onProgress: (fraction, message) => context.progress(fraction ?? 0, message),
      }));
    await this.copyToDrive(manifest);
    await this.applyRetention().catch((error: unknown) =>
      this.deps.logger.warn('retention not applied', { error: describeError(error) }),
    );
    return { backupId: manifest.id, sizeBytes: manifest.sizeBytes };
  }

  /**
   * Takes a backup: a consistent snapshot of the live database on a worker thread, checked and
   * compressed, written atomically to `DATA/backups/` with its manifest.
   */
  async create(
    backupId: string,
    trigger: BackupTrigger,
    options: {
      signal?: AbortSignal;
      onProgress?: (fraction: number | null, message: string) => void;
    } = {},
  ): Promise<BackupManifest> {
    const report = (stage: BackupProgress['stage'], fraction: number | null, message: string) => {
      options.onProgress?.(fraction, message);
      this.report({ operation: 'backup', backupId, stage, fraction, message });
    };
    try {
      const manifest = await makeBackup({
        files: this.deps.files,
        dbFile: this.deps.paths.dbFile,
        backupId,
        trigger,
        createdAt: this.deps.clock.now(),
        appVersion: this.deps.appVersion,
        installationId: this.deps.installationId,
        nativeBinding: this.deps.nativeBinding,
        signal: options.signal,
        onProgress: (stage, fraction) =>
          report(stage === 'verifying' ? 'checking' : stage, fraction, stageWords[stage]),
      });
      report('done', 1, 'Backup saved on this computer.');
      this.deps.alerts.resolve(storageCauses.backupFailed);
      this.changed('created');
      this.deps.logger.info('backup made', { backupId, trigger, sizeBytes: manifest.sizeBytes });
      return manifest;
    } catch (error) {
      report('failed', null, `The backup failed: ${describeError(error)}`);
      throw error;
    }
  }

  /** Queues the backup's copy to Drive (once; an existing copy is found by its identity). */
  async copyToDrive(manifest: BackupManifest): Promise<void> {
    if (!(await this.settings()).uploadToDrive) return;
    if (!(await this.deps.storage.isConnected())) return;
    await this.deps.storage.enqueueUpload({
      id: manifest.id,
      kind: 'backup',
      sourceId: manifest.id,
      filePath: this.deps.files.archivePath(manifest),
      name: manifest.fileName,
      mimeType: 'application/gzip',
      folderKey: 'backups',
      appProperties: manifestToAppProperties(manifest),
    });
  }

  /** Queues the Drive copies of local backups that have none yet (after connecting Drive). */
  async copyMissingToDrive(): Promise<void> {
    for (const manifest of this.deps.files.list()) {
      const upload = await this.deps.storage.uploadOf('backup', manifest.id);
      if (!upload) await this.copyToDrive(manifest);
    }
  }

  /**
   * Deletes the backups the retention rule does not keep, here and on Drive (this installation's
   * only). The rule sees both places together, by backup id.
   */
  async applyRetention(): Promise<{ removed: number }> {
    const settings = await this.settings();
    const timeZone = await this.deps.timeZone();
    const local = this.deps.files
      .list()
      .filter((m) => m.installationId === this.deps.installationId);
    let drive: DriveBackup[] = [];
    if (await this.deps.storage.isConnected()) {
      drive = (await this.driveBackups()).filter(
        ({ manifest }) => manifest.installationId === this.deps.installationId,
      );
    }
    const all = new Map<string, BackupManifest>();
    for (const manifest of [...local, ...drive.map((d) => d.manifest)])
      all.set(manifest.id, manifest);
    const keep = retainedBackups([...all.values()], settings, timeZone, this.deps.clock.now());
    let removed = 0;
    for (const manifest of local) {
      if (keep.has(manifest.id)) continue;
      await this.deps.storage.cancelUpload('backup', manifest.id);
      this.deps.files.remove(manifest);
      removed += 1;
    }
    for (const { file, manifest } of drive) {
      if (keep.has(manifest.id)) continue;
      await this.deps.storage.drive.delete(file.id);
      removed += 1;
    }
    if (removed > 0) {
      this.deps.logger.info('old backups removed by retention', { removed });
      this.changed('retention');
    }
    return { removed };
  }
}

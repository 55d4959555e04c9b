import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type {
  BackupProgress,
  RestorePreview,
  RestoreResult,
  RestoreSource,
} from '../../../shared/domain/backup';
import { AppError, describeError } from '../errors';
import type { Clock, IdGenerator, Logger, Paths } from '../ports';
import type { DriveFileInfo } from '../storage/storage-module';
import { LocalBackups, manifestFromAppProperties, type BackupManifest } from './backup-files';
import type { BackupRepository } from './backup-repository';
import type { BackupService, BackupStorage } from './backup-service';
import { restoreBlocker, stageWords } from './backup-words';
import { restoreDir, writePendingRestore } from './restore-staging';
import { inspectArchive } from './sqlite-worker';

export interface RestoreServiceDeps {
  backups: BackupService;
  files: LocalBackups;
  storage: Pick<BackupStorage, 'drive'>;
  repository: BackupRepository;
  paths: Paths;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** The newest schema this app knows: a backup with a higher one cannot be restored. */
  schemaVersion: number;
  nativeBinding?: string | undefined;
  /** Restarts ReelPilot (the host or the app); null when it cannot restart itself. */
  restart: ((reason: string) => void) | null;
}

/**
 * Restoring a backup while the engine runs, up to the restart: fetch (Drive), verify (checksum,
 * integrity, schema version), back up the current database, stage the backup, ask for the
 * restart. The swap itself happens at the next start (`restore-staging.ts`).
 */
export class RestoreService {
  constructor(private readonly deps: RestoreServiceDeps) {}

  /** What the confirmation shows: the backup's date, version and counts, and the current ones. */
  async inspect(source: RestoreSource): Promise<RestorePreview> {
    const current = await this.deps.repository.counts();
    if (source.from === 'local') {
      const manifest = this.requireLocal(source.backupId);
      return {
        ...preview(manifest),
        current,
        restoreBlocker: restoreBlocker(manifest, this.deps.schemaVersion),
      };
    }
    if (source.from === 'drive') {
      const { manifest } = await this.requireDrive(source.fileId);
      return {
        ...preview(manifest),
        current,
        restoreBlocker: restoreBlocker(manifest, this.deps.schemaVersion),
      };
    }
    const archive = this.requireFile(source.path);
    const temp = path.join(restoreDir(this.deps.paths), `inspect-${this.deps.ids.newId()}.db`);
    mkdirSync(path.dirname(temp), { recursive: true });
    try {
      const inspected = await inspectArchive(
        { archive, tempDb: temp },
        { nativeBinding: this.deps.nativeBinding },
      );
      const beside = LocalBackups.manifestBeside(archive);
      return {
        createdAt: beside?.createdAt ?? statSync(archive).mtimeMs,
        appVersion: beside?.appVersion ?? 'unknown',
        schemaVersion: inspected.schemaVersion,
        counts: inspected.counts,
        current,
        restoreBlocker:
          inspected.integrity.length > 0
            ? `The database in this file is damaged (${inspected.integrity[0] ?? 'integrity check failed'}).`
            : restoreBlocker(
                {
                  schemaVersion: inspected.schemaVersion,
                  appVersion: beside?.appVersion ?? 'a newer version',
                },
                this.deps.schemaVersion,
              ),
      };
    } finally {
      rmSync(temp, { force: true });
    }
  }

  private requireLocal(backupId: string): BackupManifest {
    const manifest = this.deps.files.get(backupId);
    if (!manifest)
      throw new AppError(
        'NOT_FOUND',
        'That backup is no longer on this computer. Reload the list.',
      );
    return manifest;
  }

  private async requireDrive(
    fileId: string,
  ): Promise<{ file: DriveFileInfo; manifest: BackupManifest }> {
    const file = await this.deps.storage.drive.get(fileId);
    const manifest = file && !file.trashed ? manifestFromAppProperties(file) : null;
    if (!file || !manifest)
      throw new AppError('NOT_FOUND', 'That backup is no longer on Google Drive. Reload the list.');
    return { file, manifest };
  }

  private requireFile(file: string): string {
    const resolved = path.resolve(file);
    if (!path.isAbsolute(file))
      throw new AppError('BAD_INPUT', 'Give the full path of the backup file.', {
        issues: [{ path: 'source.path', message: 'Give the full path of the backup file.' }],
      });
    if (!existsSync(resolved) || !statSync(resolved).isFile())
      throw new AppError('BAD_INPUT', `There is no file at ${resolved}.`, {
        issues: [{ path: 'source.path', message: `There is no file at ${resolved}.` }],
      });
    return resolved;
  }

  /**
   * Restores a backup: fetches it (Drive), verifies its checksum and integrity, refuses one from
   * a newer app, backs up the current database (the way back), stages the backup, and restarts.
   * Until the restart nothing of the current database has changed.
   */
  async restore(source: RestoreSource): Promise<RestoreResult> {
    this.deps.backups.beginRestore();
    const dir = restoreDir(this.deps.paths);
    mkdirSync(dir, { recursive: true });
    const candidate = path.join(dir, 'candidate.db');
    const report = (
      stage: BackupProgress['stage'],
      fraction: number | null,
      message: string,
      backupId: string | null = null,
    ) => this.deps.backups.report({ operation: 'restore', backupId, stage, fraction, message });
    try {
      const { archive, expected } = await this.fetchForRestore(source, (fraction) =>
        report('downloading', fraction, 'Downloading the backup from Google Drive…'),
      );
      const backupId = expected?.id ?? null;
      const inspected = await inspectArchive(
        { archive, tempDb: candidate },
        {
          nativeBinding: this.deps.nativeBinding,
          onProgress: (stage, fraction) =>
            report(
              stage === 'checking' ? 'checking' : 'verifying',
              fraction,
              stageWords[stage],
              backupId,
            ),
        },
      );
      if (expected && inspected.archiveSha256 !== expected.sha256)
        throw new AppError(
          'BAD_INPUT',
          'The backup file is damaged: its checksum does not match the one recorded when it was made. Nothing was changed; restore another backup.',
        );
      if (inspected.integrity.length > 0)
        throw new AppError(
          'BAD_INPUT',
          `The database in this backup is damaged (${inspected.integrity[0] ?? 'integrity check failed'}). Nothing was changed; restore another backup.`,
        );
      if (inspected.schemaVersion === 0)
        throw new AppError(
          'BAD_INPUT',
          'This file is not a ReelPilot database. Nothing was changed.',
        );
      const blocker = restoreBlocker(
        {
          schemaVersion: inspected.schemaVersion,
          appVersion: expected?.appVersion ?? 'a newer version',
        },
        this.deps.schemaVersion,
      );
      if (blocker) throw new AppError('BAD_INPUT', `${blocker} Nothing was changed.`);
      const restoredId = backupId ?? this.deps.ids.newId();
      if (source.from === 'drive' && expected && !this.deps.files.get(expected.id))
        this.keepDownloaded(archive, expected);

      report(
        'saving-current',
        null,
        'Backing up the current database first, so the restore can be undone…',
        restoredId,
      );
      const undo = await this.deps.backups.create(this.deps.ids.newId(), 'before-restore');
      await this.deps.backups.copyToDrive(undo).catch((error: unknown) =>
        this.deps.logger.warn('the copy of the replaced database was not queued for Drive', {
          error: describeError(error),
        }),
      );
      writePendingRestore(this.deps.paths, {
        candidate: path.basename(candidate),
        databaseSha256: inspected.databaseSha256,
        backupId: restoredId,
        backupCreatedAt: expected?.createdAt ?? this.deps.clock.now(),
        appVersion: expected?.appVersion ?? 'unknown',
        counts: inspected.counts,
        undoBackupId: undo.id,
        stagedAt: this.deps.clock.now(),
      });
      if (!this.deps.restart) {
        report(
          'done',
          1,
          'The backup is ready: restart ReelPilot to finish the restore.',
          restoredId,
        );
        return {
          state: 'staged',
          message:
            'The backup is verified and ready. Quit and start ReelPilot again to finish the restore.',
        };
      }
      report('restarting', 1, 'ReelPilot restarts with the restored data…', restoredId);
      const restart = this.deps.restart;
      // The answer goes out first; the restart stops this engine.
      this.deps.clock.setTimeout(() => restart('restore'), 300);
      return {
        state: 'restarting',
        message: 'The backup is verified. ReelPilot restarts with it now.',
      };
    } catch (error) {
      rmSync(candidate, { force: true });
      report('failed', null, describeError(error));
      throw error;
    } finally {
      this.deps.backups.endRestore();
    }
  }

  private async fetchForRestore(
    source: RestoreSource,
    onDownload: (fraction: number) => void,
  ): Promise<{ archive: string; expected: BackupManifest | null }> {
    if (source.from === 'local') {
      const manifest = this.requireLocal(source.backupId);
      return { archive: this.deps.files.archivePath(manifest), expected: manifest };
    }
    if (source.from === 'file') {
      const archive = this.requireFile(source.path);
      return { archive, expected: LocalBackups.manifestBeside(archive) };
    }
    const { file, manifest } = await this.requireDrive(source.fileId);
    const local = this.deps.files.get(manifest.id);
    if (local && local.sha256 === manifest.sha256)
      return { archive: this.deps.files.archivePath(local), expected: manifest };
    const target = path.join(restoreDir(this.deps.paths), 'download.db.gz');
    await this.deps.storage.drive.download({
      fileId: file.id,
      targetPath: target,
      sizeBytes: file.sizeBytes ?? manifest.sizeBytes,
      onProgress: (received, total) => onDownload(total > 0 ? received / total : 1),
    });
    return { archive: target, expected: manifest };
  }

  /** A backup fetched from Drive is kept here too, so it is listed in both places. */
  private keepDownloaded(archive: string, manifest: BackupManifest): void {
    this.deps.files.ensureDir();
    renameSync(archive, this.deps.files.archivePath(manifest));
    this.deps.files.add(manifest);
    this.deps.backups.changed('downloaded');
  }
}

function preview(manifest: BackupManifest): Omit<RestorePreview, 'current' | 'restoreBlocker'> {
  return {
    createdAt: manifest.createdAt,
    appVersion: manifest.appVersion,
    schemaVersion: manifest.schemaVersion,
    counts: manifest.counts,
  };
}

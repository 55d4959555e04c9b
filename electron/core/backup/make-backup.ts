import { renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BackupTrigger } from '../../../shared/domain/backup';
import { backupFileName, type BackupManifest, type LocalBackups } from './backup-files';
import { snapshotDatabase, type WorkerProgress } from './sqlite-worker';

export interface MakeBackupInput {
  files: LocalBackups;
  dbFile: string;
  backupId: string;
  trigger: BackupTrigger;
  createdAt: number;
  appVersion: string;
  installationId: string;
  nativeBinding?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: WorkerProgress | undefined;
}

/**
 * One backup on this computer: a consistent snapshot of the live database on a worker thread,
 * checked and compressed into `<name>.db.gz.partial`, renamed into place, then its manifest. A
 * failure leaves no half-written backup behind.
 */
export async function makeBackup(input: MakeBackupInput): Promise<BackupManifest> {
  const { files } = input;
  files.ensureDir();
  const fileName = backupFileName(input.createdAt, input.trigger, input.backupId);
  const target = path.join(files.dir, fileName);
  const partial = `${target}.partial`;
  const tempDb = path.join(files.dir, `.snapshot-${input.backupId}.db`);
  try {
    const result = await snapshotDatabase(
      { source: input.dbFile, tempDb, target: partial },
      { nativeBinding: input.nativeBinding, signal: input.signal, onProgress: input.onProgress },
    );
    renameSync(partial, target);
    const manifest: BackupManifest = {
      format: 'reelpilot-backup',
      version: 1,
      id: input.backupId,
      createdAt: input.createdAt,
      trigger: input.trigger,
      appVersion: input.appVersion,
      schemaVersion: result.schemaVersion,
      installationId: input.installationId,
      fileName,
      sizeBytes: result.sizeBytes,
      sha256: result.sha256,
      databaseBytes: result.databaseBytes,
      databaseSha256: result.databaseSha256,
      counts: result.counts,
    };
    files.add(manifest);
    return manifest;
  } catch (error) {
    rmSync(partial, { force: true });
    rmSync(tempDb, { force: true });
    rmSync(target, { force: true });
    throw error;
  }
}

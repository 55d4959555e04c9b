import type { BackupEntry, BackupList } from '../../../shared/domain/backup';
import { describeError } from '../errors';
import { KIND_PROPERTY, type DriveFileInfo } from '../storage/storage-module';
import { manifestFromAppProperties, type BackupManifest, type LocalBackups } from './backup-files';
import type { BackupStorage } from './backup-service';
import { restoreBlocker } from './backup-words';

/** A backup on Drive: the file and the manifest its app properties carry. */
export interface DriveBackup {
  file: DriveFileInfo;
  manifest: BackupManifest;
}

/** Drive's backups: any ReelPilot's in `ReelPilot/Backups/`, found by their app properties. */
export async function driveBackups(storage: Pick<BackupStorage, 'drive'>): Promise<DriveBackup[]> {
  const files = await storage.drive.list({
    appProperties: { [KIND_PROPERTY]: 'backup' },
    folders: false,
  });
  return files.flatMap((file) => {
    const manifest = manifestFromAppProperties(file);
    return manifest ? [{ file, manifest }] : [];
  });
}

/**
 * The backups here and on Drive, one entry per backup id (where it is, its upload while the Drive
 * copy is on its way), newest first. Drive that cannot be listed is said, not thrown.
 */
export async function listBackups(deps: {
  files: LocalBackups;
  storage: BackupStorage;
  installationId: string;
  schemaVersion: number;
}): Promise<BackupList> {
  const entries = new Map<string, BackupEntry>();
  const entry = (manifest: BackupManifest): BackupEntry => ({
    id: manifest.id,
    createdAt: manifest.createdAt,
    trigger: manifest.trigger,
    appVersion: manifest.appVersion,
    schemaVersion: manifest.schemaVersion,
    sizeBytes: manifest.sizeBytes,
    databaseBytes: manifest.databaseBytes,
    sha256: manifest.sha256,
    counts: manifest.counts,
    fromThisInstallation: manifest.installationId === deps.installationId,
    local: null,
    drive: null,
    upload: null,
    restoreBlocker: restoreBlocker(manifest, deps.schemaVersion),
  });
  for (const manifest of deps.files.list()) {
    entries.set(manifest.id, { ...entry(manifest), local: { fileName: manifest.fileName } });
  }
  let driveError: string | null = null;
  if (await deps.storage.isConnected()) {
    try {
      for (const { file, manifest } of await driveBackups(deps.storage)) {
        const known = entries.get(manifest.id) ?? entry(manifest);
        entries.set(manifest.id, { ...known, drive: { fileId: file.id, url: file.webViewLink } });
      }
    } catch (error) {
      driveError = `The backups on Google Drive could not be listed: ${describeError(error)}`;
    }
  }
  for (const [id, known] of entries) {
    if (known.drive || !known.local) continue;
    const upload = await deps.storage.uploadOf('backup', id);
    if (upload && upload.state !== 'done' && upload.state !== 'cancelled')
      entries.set(id, { ...known, upload });
  }
  return {
    backups: [...entries.values()].sort((a, b) => b.createdAt - a.createdAt),
    driveError,
  };
}

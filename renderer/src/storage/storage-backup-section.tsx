import { LoadFailure, Loading } from '../components/load-state';
import { useBackups } from '../stores/backup-store';
import { useDomain } from '../stores/domain-store';
import { useStorage } from '../stores/storage-store';
import { BackupCard } from './backup-card';
import { BackupListCard } from './backup-list';
import { DriveCard } from './drive-card';
import { LocalDiskCard } from './local-disk-card';
import { RestartingDialog, RestoreReportBanner } from './restore-banners';
import styles from './storage.module.css';

/**
 * Settings → Storage & backup: Google Drive (connection, folders, usage), this computer's disk,
 * the backup schedule and retention, back up now, the list of backups and restoring one.
 */
export function StorageBackupSection() {
  // The figures move by themselves (ages, API use): look again every minute.
  useDomain(useStorage, 60_000);
  useDomain(useBackups);
  const storage = useStorage((state) => state.storage);
  const storageError = useStorage((state) => state.error);
  const backup = useBackups((state) => state.backup);
  const list = useBackups((state) => state.list);
  const backupError = useBackups((state) => state.error);
  const { load: loadStorage } = useStorage((state) => state.actions);
  const { load: loadBackups } = useBackups((state) => state.actions);

  return (
    <section className={styles.section} aria-labelledby="storage-backup-title" id="storage-backup">
      <h2 id="storage-backup-title" className={styles.sectionTitle}>
        Storage &amp; backup
      </h2>
      {backup && <RestoreReportBanner backup={backup} />}
      {storageError && !storage ? (
        <LoadFailure what="Storage" error={storageError} onRetry={() => void loadStorage()} />
      ) : !storage ? (
        <Loading>Loading Google Drive and disk usage…</Loading>
      ) : (
        <>
          <DriveCard storage={storage} />
          <LocalDiskCard local={storage.local} />
        </>
      )}
      {backupError && (!backup || !list) ? (
        <LoadFailure what="Backups" error={backupError} onRetry={() => void loadBackups()} />
      ) : !backup || !list ? (
        <Loading>Loading backups…</Loading>
      ) : (
        <>
          <BackupCard backup={backup} />
          <BackupListCard list={list} />
        </>
      )}
      <RestartingDialog />
    </section>
  );
}

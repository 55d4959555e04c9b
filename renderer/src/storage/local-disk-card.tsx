import type { LocalDisk } from '../../../shared/domain/storage';
import { formatBytes } from '../format';
import styles from './storage.module.css';
import { UsageBar } from './usage-bar';

/** The disk the data folder is on: ReelPilot's database and backups, other files, free space. */
export function LocalDiskCard({ local }: { local: LocalDisk }) {
  const total = local.totalBytes;
  const free = local.freeBytes;
  const others =
    total !== null && free !== null
      ? Math.max(0, total - free - local.databaseBytes - local.backupsBytes)
      : 0;
  return (
    <section className="card" aria-labelledby="disk-title">
      <div className={styles.head}>
        <h2 id="disk-title">This computer</h2>
        <span className="muted small">
          {free !== null && total !== null
            ? `${formatBytes(free)} free of ${formatBytes(total)}`
            : 'Free space unknown'}
        </span>
      </div>
      <p className="muted small">
        Data folder <code>{local.dataDir}</code>
      </p>
      {total !== null ? (
        <UsageBar
          label="Disk space"
          totalBytes={total}
          segments={[
            { label: 'Database', bytes: local.databaseBytes, tone: 'accent' },
            { label: 'Backups', bytes: local.backupsBytes, tone: 'trash' },
            { label: 'Other files', bytes: others, tone: 'others' },
          ]}
        />
      ) : (
        <p className="small">
          Database {formatBytes(local.databaseBytes)}, backups {formatBytes(local.backupsBytes)}.
        </p>
      )}
      {free !== null && total !== null && free < total / 20 && (
        <p className="error-text small" role="alert">
          The disk is almost full: backups need room for a copy of the database. Free up space on
          this disk.
        </p>
      )}
    </section>
  );
}

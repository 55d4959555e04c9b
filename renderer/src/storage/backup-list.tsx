import { useState } from 'react';
import type { BackupEntry, BackupList, RestoreSource } from '../../../shared/domain/backup';
import { Badge } from '../components/badge';
import { formatBytes, formatDateTime } from '../format';
import { backupPlaces, describeCounts, triggerLabels } from './labels';
import { RestoreDialog } from './restore-dialog';
import styles from './storage.module.css';

/** The source a restore reads: the local copy when there is one, else Drive's. */
function sourceOf(entry: BackupEntry): RestoreSource | null {
  if (entry.local) return { from: 'local', backupId: entry.id };
  if (entry.drive) return { from: 'drive', fileId: entry.drive.fileId };
  return null;
}

/** Every backup, here and on Drive, newest first, each with a way to restore it. */
export function BackupListCard({ list }: { list: BackupList }) {
  const [restoring, setRestoring] = useState<{ source: RestoreSource; label: string } | null>(null);
  const [path, setPath] = useState('');
  return (
    <section className="card" aria-labelledby="backup-list-title">
      <div className={styles.head}>
        <h2 id="backup-list-title">Your backups</h2>
        <span className="muted small">
          {list.backups.length === 0 ? '' : `${list.backups.length} kept`}
        </span>
      </div>
      {list.driveError && (
        <p className="error-text small" role="alert">
          {list.driveError}
        </p>
      )}
      {list.backups.length === 0 ? (
        <p className="muted">
          No backups yet. The first is made at the next backup time, or now with “Back up now”.
        </p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Made</th>
              <th scope="col">Kind</th>
              <th scope="col">Holds</th>
              <th scope="col">Size</th>
              <th scope="col">Where</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.backups.map((entry) => {
              const source = sourceOf(entry);
              const when = formatDateTime(entry.createdAt);
              return (
                <tr key={entry.id} data-testid="backup-row">
                  <td>
                    {when}
                    <div className="muted small">ReelPilot {entry.appVersion}</div>
                  </td>
                  <td>{triggerLabels[entry.trigger]}</td>
                  <td className="small">{entry.counts ? describeCounts(entry.counts) : '—'}</td>
                  <td>{formatBytes(entry.sizeBytes)}</td>
                  <td>
                    <span className={styles.places}>
                      {backupPlaces(entry).map((place) => (
                        <Badge key={place.label} tone={place.tone}>
                          {place.label}
                        </Badge>
                      ))}
                    </span>
                  </td>
                  <td className={styles.actions}>
                    {source && (
                      <button
                        type="button"
                        className="small secondary"
                        disabled={entry.restoreBlocker !== null}
                        title={entry.restoreBlocker ?? undefined}
                        aria-label={`Restore the backup of ${when}`}
                        onClick={() => setRestoring({ source, label: when })}
                      >
                        Restore…
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form
        className={styles.fileRestore}
        aria-label="Restore from a file"
        onSubmit={(event) => {
          event.preventDefault();
          setRestoring({ source: { from: 'file', path: path.trim() }, label: path.trim() });
        }}
      >
        <label className="field">
          <span>Restore from a file on this computer (.db.gz)</span>
          <input
            name="backupPath"
            value={path}
            spellCheck={false}
            placeholder="/path/to/reelpilot-….db.gz"
            onChange={(event) => setPath(event.target.value)}
          />
        </label>
        <button type="submit" className="secondary" disabled={path.trim() === ''}>
          Check and restore…
        </button>
      </form>
      {restoring && (
        <RestoreDialog
          source={restoring.source}
          label={restoring.label}
          onClose={() => setRestoring(null)}
        />
      )}
    </section>
  );
}

import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useState } from 'react';
import type { BackupCounts, RestorePreview, RestoreSource } from '../../../shared/domain/backup';
import { messageOf } from '../stores/domain-store';
import { Modal } from '../components/modal';
import { Spinner } from '../components/spinner';
import { formatDateTime } from '../format';
import { useBackups } from '../stores/backup-store';
import styles from './storage.module.css';

const rows: Array<[keyof BackupCounts, string]> = [
  ['accounts', 'Accounts'],
  ['configs', 'Configs'],
  ['posts', 'Posts'],
  ['metrics', 'Metric readings'],
  ['mediaItems', 'Library items'],
];

/**
 * Asks before a restore, saying what will be replaced: the backup's date and what it holds beside
 * what the database holds now. The engine verifies the backup and backs up the current data first.
 */
export function RestoreDialog({
  source,
  label,
  onClose,
}: {
  source: RestoreSource;
  label: string;
  onClose(): void;
}) {
  const { inspect, restore } = useBackups((state) => state.actions);
  const progress = useBackups((state) => state.progress);
  const [preview, setPreview] = useState<RestorePreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    let current = true;
    inspect(source).then(
      (answer) => current && setPreview(answer),
      (error: unknown) => current && setProblem(messageOf(error)),
    );
    return () => {
      current = false;
    };
  }, [inspect, source]);

  const confirm = async () => {
    setWorking(true);
    const outcome = await restore(source);
    setWorking(false);
    if (outcome.ok) onClose();
  };

  return (
    <Modal open onOpenChange={(open) => !open && !working && onClose()} size="small">
      <Dialog.Title>Restore this backup?</Dialog.Title>
      {problem ? (
        <>
          <Dialog.Description className="error-text" role="alert">
            {label}: {problem}
          </Dialog.Description>
          <div className="form-actions">
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      ) : !preview ? (
        <Dialog.Description role="status">
          <Spinner /> Reading the backup…
        </Dialog.Description>
      ) : (
        <>
          <Dialog.Description>
            The data of {formatDateTime(preview.createdAt)} (ReelPilot {preview.appVersion})
            replaces everything ReelPilot holds now: accounts, configs, posts and their history. The
            current data is backed up first, so the restore can be undone; then ReelPilot restarts.
          </Dialog.Description>
          <table className={styles.compare}>
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">Now</th>
                <th scope="col">In the backup</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([key, name]) => (
                <tr key={key}>
                  <th scope="row">{name}</th>
                  <td>{preview.current[key].toLocaleString()}</td>
                  <td>{preview.counts ? preview.counts[key].toLocaleString() : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            Account sign-ins are not in backups: the accounts connected now keep working; ones
            connected only in the backup must be reconnected.
          </p>
          {preview.restoreBlocker && (
            <p className="error-text" role="alert">
              {preview.restoreBlocker}
            </p>
          )}
          {working && progress?.operation === 'restore' && (
            <p role="status" className="small">
              <Spinner /> {progress.message}
            </p>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="danger"
              disabled={working || preview.restoreBlocker !== null}
              onClick={() => void confirm()}
            >
              {working ? 'Restoring…' : 'Replace the current data and restart'}
            </button>
            <button type="button" className="secondary" disabled={working} onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}

import * as Dialog from '@radix-ui/react-dialog';
import { useEffect } from 'react';
import type { BackupStatus } from '../../../shared/domain/backup';
import { cx } from '../components/class-names';
import { Modal } from '../components/modal';
import { Spinner } from '../components/spinner';
import { formatDateTime } from '../format';
import { useBackups } from '../stores/backup-store';
import { describeCounts } from './labels';
import styles from './storage.module.css';

/** After a restore: what came back, and the way to undo it. */
export function RestoreReportBanner({ backup }: { backup: BackupStatus }) {
  const { dismissReport } = useBackups((state) => state.actions);
  const report = backup.lastRestore;
  if (!report) return null;
  return (
    <div className={cx('card', styles.banner)} role="status" aria-label="Restore report">
      <p>
        <strong>Backup restored.</strong> The data of {formatDateTime(report.backupCreatedAt)} is
        back ({formatDateTime(report.restoredAt)}): {describeCounts(report.counts)}.
        {report.undoBackupId &&
          ' The data it replaced was backed up first (“Before a restore” in the list): restore that copy to undo.'}
      </p>
      <div className="form-actions">
        <button type="button" className="secondary small" onClick={() => void dismissReport()}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

/**
 * ReelPilot restarts with the restored data: in the desktop app the window comes back by itself;
 * in a browser this page waits for the engine, then reloads.
 */
export function RestartingDialog() {
  const restarting = useBackups((state) => state.restarting);
  const { waitForRestart, clearRestarting } = useBackups((state) => state.actions);
  useEffect(() => {
    if (restarting?.state === 'restarting') void waitForRestart();
  }, [restarting, waitForRestart]);
  if (!restarting) return null;
  return (
    <Modal open onOpenChange={() => {}} size="small">
      <Dialog.Title>
        {restarting.state === 'restarting' ? 'Restoring the backup' : 'Restart to finish'}
      </Dialog.Title>
      <Dialog.Description role="status">
        {restarting.state === 'restarting' && <Spinner />} {restarting.message}
      </Dialog.Description>
      {restarting.state === 'staged' && (
        <div className="form-actions">
          <button type="button" onClick={clearRestarting}>
            OK
          </button>
        </div>
      )}
    </Modal>
  );
}

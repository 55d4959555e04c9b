import type { BackupEntry, BackupProgress, BackupTrigger } from '../../../shared/domain/backup';
import type { DriveUpload } from '../../../shared/domain/storage';
import type { StateLook } from '../components/badge';
import { plural } from '../format';

export const triggerLabels: Record<BackupTrigger, string> = {
  scheduled: 'Daily',
  manual: 'By hand',
  'before-update': 'Before an update',
  'before-restore': 'Before a restore',
};

export const uploadStates: Record<DriveUpload['state'], StateLook> = {
  queued: { label: 'Queued', tone: 'neutral' },
  uploading: { label: 'Uploading', tone: 'accent' },
  waiting: { label: 'Waiting', tone: 'warning' },
  done: { label: 'On Drive', tone: 'ok' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'muted' },
};

export const progressStages: Record<BackupProgress['stage'], string> = {
  snapshot: 'Copying',
  checking: 'Checking',
  compressing: 'Compressing',
  uploading: 'Uploading',
  downloading: 'Downloading',
  verifying: 'Verifying',
  'saving-current': 'Saving the current data',
  restarting: 'Restarting',
  done: 'Done',
  failed: 'Failed',
};

/** Where a backup is: this computer, Drive, both, or on its way to Drive. */
export function backupPlaces(entry: BackupEntry): StateLook[] {
  const places: StateLook[] = [];
  if (entry.local) places.push({ label: 'This computer', tone: 'neutral' });
  if (entry.drive) places.push({ label: 'Google Drive', tone: 'ok' });
  else if (entry.upload) {
    const look = uploadStates[entry.upload.state];
    places.push({
      label:
        entry.upload.state === 'uploading' && entry.sizeBytes > 0
          ? `Uploading ${Math.round((entry.upload.sentBytes / entry.sizeBytes) * 100)}%`
          : `Drive: ${look.label.toLowerCase()}`,
      tone: look.tone,
    });
  }
  if (!entry.fromThisInstallation) places.push({ label: 'Another computer', tone: 'muted' });
  return places;
}

/** "4 accounts, 2 configs, 120 posts". */
export function describeCounts(counts: {
  accounts: number;
  configs: number;
  posts: number;
}): string {
  return [
    plural(counts.accounts, 'account'),
    plural(counts.configs, 'config'),
    plural(counts.posts, 'post'),
  ].join(', ');
}

import type { DistributionTarget, VideoStatus } from '../../../shared/domain/distribution';
import type { StateLook } from '../components/badge';
import { formatBytes, formatDateTime } from '../format';

export const targetStates: Record<DistributionTarget['state'], StateLook> = {
  pending: { label: 'Waiting', tone: 'muted' },
  processing: { label: 'Uploading', tone: 'accent' },
  success: { label: 'Posted', tone: 'ok' },
  failed: { label: 'Failed', tone: 'danger' },
};

export const videoStatuses: Record<VideoStatus, StateLook> = {
  pending: { label: 'Waiting', tone: 'muted' },
  processing: { label: 'In progress', tone: 'accent' },
  success: { label: 'Posted everywhere', tone: 'ok' },
  partial: { label: 'Partly posted', tone: 'accent' },
  failed: { label: 'Failed', tone: 'danger' },
};

export const errorKindLabels: Record<NonNullable<DistributionTarget['errorKind']>, string> = {
  auth: 'Account access',
  rate: 'Rate limit',
  transient: 'Connection problem',
  content: 'Refused by the platform',
};

/** How far an upload is, in percent; null when nothing is being sent. */
export function uploadPercent(target: DistributionTarget): number | null {
  return target.state === 'processing' && target.phase === 'uploading' && target.totalBytes > 0
    ? Math.floor((target.sentBytes / target.totalBytes) * 100)
    : null;
}

/** The line under a chip: progress, a wait, or nothing. */
export function progressLine(target: DistributionTarget): string | null {
  if (target.state === 'processing') {
    const percent = uploadPercent(target);
    if (percent !== null) {
      return `Uploading ${percent}% (${formatBytes(target.sentBytes)} of ${formatBytes(target.totalBytes)})`;
    }
    if (target.phase === 'processing') return 'The platform is processing the video';
    if (target.phase === 'publishing') return 'Publishing';
    return 'Starting the upload';
  }
  if (target.state === 'pending' && target.waitingUntil !== null) {
    return `Scheduled for ${formatDateTime(target.waitingUntil)}${target.errorMessage ? ` — ${target.errorMessage.replace(/^Waiting: /, '')}` : ''}`;
  }
  return null;
}

import type { DistributionTarget, VideoStatus } from '../../../shared/domain/distribution';
import { platformNames } from '../../../shared/domain/platforms';

export const targetStateLabels: Record<DistributionTarget['state'], string> = {
  pending: 'Waiting',
  processing: 'Uploading',
  verifying: 'Checking',
  success: 'Posted',
  failed: 'Failed',
};

export const videoStatusLabels: Record<VideoStatus, string> = {
  pending: 'Waiting',
  processing: 'In progress',
  success: 'Posted everywhere',
  partial: 'Partly posted',
  failed: 'Failed',
};

export const errorKindLabels: Record<NonNullable<DistributionTarget['errorKind']>, string> = {
  auth: 'Account access',
  rate: 'Rate limit',
  transient: 'Connection problem',
  content: 'Refused by the platform',
  unknown: 'Outcome unknown',
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(1)}M`;
  if (value >= 10_000) return `${Math.round(value / 1000)}k`;
  return value.toLocaleString();
}

export function formatTime(at: number): string {
  return new Date(at).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** The line under a chip: progress, a wait, or nothing. */
export function progressLine(target: DistributionTarget): string | null {
  if (target.state === 'processing') {
    if (target.phase === 'uploading' && target.totalBytes > 0) {
      const pct = Math.floor((target.sentBytes / target.totalBytes) * 100);
      return `Uploading ${pct}% (${formatBytes(target.sentBytes)} of ${formatBytes(target.totalBytes)})`;
    }
    if (target.phase === 'processing') return 'The platform is processing the video';
    if (target.phase === 'publishing') return 'Publishing';
    return 'Starting the upload';
  }
  if (target.state === 'verifying') {
    return `ReelPilot lost track of this post while it was being made (the answer never came, or the app stopped). It is checking whether it exists on ${platformNames[target.platform]} before it ever posts again.`;
  }
  if (target.state === 'pending' && target.waitingUntil !== null) {
    return `Scheduled for ${formatTime(target.waitingUntil)}${target.errorMessage ? ` — ${target.errorMessage.replace(/^Waiting: /, '')}` : ''}`;
  }
  return null;
}

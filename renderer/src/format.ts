import type { MediaItem } from '../../shared/domain/media';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

export function describeDimensions(item: MediaItem): string {
  if (!item.width || !item.height) return '';
  const turned = item.rotation === 90 || item.rotation === 270;
  return turned ? `${item.height}×${item.width}` : `${item.width}×${item.height}`;
}

export const kindLabels = { image: 'Picture', video: 'Video', audio: 'Sound' } as const;

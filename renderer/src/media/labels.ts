import type { MediaItem } from '../../../shared/domain/media';

export const kindLabels = { image: 'Picture', video: 'Video', audio: 'Sound' } as const;

/** Width×height as the picture is seen (turned a quarter when the file says so). */
export function describeDimensions(item: MediaItem): string {
  if (!item.width || !item.height) return '';
  const turned = item.rotation === 90 || item.rotation === 270;
  return turned ? `${item.height}×${item.width}` : `${item.width}×${item.height}`;
}

import type { MediaItem } from '../../../shared/domain/media';
import { isDesktop } from '../api/api-client';

/**
 * The one place that knows how media reaches the page: the desktop app's `reelpilot-media:`
 * protocol, or the host's token-protected `/media/` route. Thumbnails carry their state so a
 * picture drawn later is not hidden by the browser's cache of the earlier answer.
 */
export function mediaUrl(
  item: Pick<MediaItem, 'id' | 'thumbnail' | 'contentHash'>,
  variant: 'file' | 'thumbnail',
): string {
  const id = encodeURIComponent(item.id);
  const version =
    variant === 'thumbnail' ? `?v=${item.thumbnail}-${item.contentHash.slice(0, 8)}` : '';
  if (isDesktop()) return `reelpilot-media://${variant}/${id}${version}`;
  return variant === 'file' ? `/media/${id}` : `/media/${id}/thumbnail${version}`;
}

/** Where a config preview (`configs:preview`) is played from. */
export function previewUrl(previewId: string): string {
  const id = encodeURIComponent(previewId);
  return isDesktop() ? `reelpilot-media://preview/${id}` : `/media/preview/${id}`;
}

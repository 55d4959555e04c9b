import { useEffect, useMemo } from 'react';
import type { MediaItem } from '../../../shared/domain/media';
import { useMedia } from '../stores/media-store';
import { reportError } from '../stores/notices-store';

/**
 * The library items behind a list of ids, kept fresh when the library changes. `null` until
 * every id has been answered for; ids the library no longer has are simply absent.
 */
export function useMediaItems(ids: readonly string[]): Map<string, MediaItem> | null {
  const key = ids.join(',');
  const items = useMedia((state) => state.items);
  const gone = useMedia((state) => state.gone);
  const version = useMedia((state) => state.version);
  const { refresh, subscribe } = useMedia((state) => state.actions);

  useEffect(() => subscribe(), [subscribe]);

  useEffect(() => {
    if (key === '') return;
    refresh(key.split(',')).catch((error: unknown) =>
      reportError('The picked media could not be shown', error),
    );
  }, [key, version, refresh]);

  return useMemo(() => {
    const wanted = key === '' ? [] : key.split(',');
    if (wanted.some((id) => !items.has(id) && !gone.has(id))) return null;
    const found = new Map<string, MediaItem>();
    for (const id of wanted) {
      const item = items.get(id);
      if (item) found.set(id, item);
    }
    return found;
  }, [key, items, gone]);
}

import { useCallback, useEffect, useState } from 'react';
import type { MediaItem, MediaQuery } from '../../../shared/domain/media';
import { messageOf } from '../stores/domain-store';
import { useMedia } from '../stores/media-store';

export interface MediaLibraryView {
  /** Every matching id in order; null while the first answer is on its way. */
  ids: string[] | null;
  error: string | null;
  items: ReadonlyMap<string, MediaItem>;
  /** Asks for the items of these ids (the rows on screen); already known ones are skipped. */
  request(ids: readonly string[]): void;
  reload(): void;
}

/**
 * The library as the gallery sees it: the ordered ids of a query (cheap even for 10,000 items)
 * and the items themselves fetched only for the rows on screen, from the media store, which push
 * events keep fresh.
 */
export function useMediaLibrary(query: MediaQuery): MediaLibraryView {
  const items = useMedia((state) => state.items);
  const itemsError = useMedia((state) => state.itemsError);
  const version = useMedia((state) => state.version);
  const { listIds, request, subscribe } = useMedia((state) => state.actions);
  const [ids, setIds] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(query);

  useEffect(() => subscribe(), [subscribe]);

  useEffect(() => {
    let cancelled = false;
    listIds(JSON.parse(key) as MediaQuery).then(
      (result) => {
        if (cancelled) return;
        setIds(result);
        setError(null);
      },
      (failure: unknown) => {
        if (!cancelled) setError(messageOf(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, version, generation, listIds]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { ids, error: error ?? itemsError, items, request, reload };
}

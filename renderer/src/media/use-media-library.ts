import { useCallback, useEffect, useRef, useState } from 'react';
import type { MediaItem, MediaQuery } from '../../../shared/domain/media';
import { api, call } from '../api/api-client';

export interface MediaLibraryView {
  /** Every matching id in order; null while the first answer is on its way. */
  ids: string[] | null;
  error: string | null;
  items: ReadonlyMap<string, MediaItem>;
  /** Asks for the items of these ids (the rows on screen); already known ones are skipped. */
  request(ids: readonly string[]): void;
  reload(): void;
}

const chunk = 200;

/**
 * The library as the gallery sees it: the ordered ids of a query (cheap even for 10,000 items)
 * and the items themselves fetched only for the rows on screen, kept fresh by push events.
 */
export function useMediaLibrary(query: MediaQuery): MediaLibraryView {
  const [ids, setIds] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [items, setItems] = useState<ReadonlyMap<string, MediaItem>>(() => new Map());
  const [generation, setGeneration] = useState(0);
  const inFlight = useRef(new Set<string>());
  const known = useRef<ReadonlyMap<string, MediaItem>>(items);
  const key = JSON.stringify(query);

  useEffect(() => {
    known.current = items;
  }, [items]);

  useEffect(() => {
    let cancelled = false;
    call('media:listIds', JSON.parse(key) as MediaQuery).then(
      (result) => {
        if (cancelled) return;
        setIds(result.ids);
        setError(null);
      },
      (failure: unknown) => {
        if (cancelled) return;
        setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, generation]);

  const fetchItems = useCallback((wanted: readonly string[]) => {
    for (let i = 0; i < wanted.length; i += chunk) {
      const batch = wanted.slice(i, i + chunk);
      for (const id of batch) inFlight.current.add(id);
      call('media:getMany', { ids: batch }).then(
        ({ items: fetched }) => {
          for (const id of batch) inFlight.current.delete(id);
          setItems((current) => {
            const next = new Map(current);
            for (const item of fetched) next.set(item.id, item);
            return next;
          });
        },
        (failure: unknown) => {
          for (const id of batch) inFlight.current.delete(id);
          setError(failure instanceof Error ? failure.message : String(failure));
        },
      );
    }
  }, []);

  const request = useCallback(
    (wanted: readonly string[]) => {
      const missing = wanted.filter((id) => !known.current.has(id) && !inFlight.current.has(id));
      if (missing.length > 0) fetchItems(missing);
    },
    [fetchItems],
  );

  useEffect(() => {
    const offChanged = api.on('media:changed', ({ ids: changed }) => {
      const stale = changed.filter((id) => known.current.has(id));
      if (stale.length > 0) fetchItems(stale);
      setGeneration((g) => g + 1);
    });
    const offThumbs = api.on('media:thumbnails', ({ ids: ready }) => {
      const shown = ready.filter((id) => known.current.has(id));
      if (shown.length > 0) fetchItems(shown);
    });
    return () => {
      offChanged();
      offThumbs();
    };
  }, [fetchItems]);

  const reload = useCallback(() => {
    setItems(new Map());
    setGeneration((g) => g + 1);
  }, []);

  return { ids, error, items, request, reload };
}

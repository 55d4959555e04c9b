import { create } from 'zustand';
import type { OutputOf } from '../../../shared/contract';
import type {
  ImportProgress,
  ImportReport,
  MediaItem,
  MediaQuery,
  VerifyReport,
  WatchedFolder,
} from '../../../shared/domain/media';
import { api, call, fieldErrorsOf } from '../api/api-client';
import { addFiles, type AddedFiles, type UploadProgress } from '../api/upload-media';
import * as domain from './domain-store';
import { reportError } from './notices-store';

export type MediaStats = OutputOf<'media:stats'>;

interface MediaActions extends domain.DomainActions {
  /** Puts items the engine returned into `items`. */
  upsert(items: readonly MediaItem[]): void;
  /** Every id matching a query, in order (cheap even for 10,000 items). */
  listIds(query: MediaQuery): Promise<string[]>;
  /** Fetches the items not already known or on their way. */
  request(ids: readonly string[]): void;
  /** Fetches these items again; the caller shows a failure. */
  refresh(ids: readonly string[]): Promise<void>;
  /** The chosen items, in library order; null when they could not be had (shown). */
  pick(ids: readonly string[]): Promise<MediaItem[] | null>;
  tag(ids: readonly string[], change: { add: string[]; remove: string[] }): Promise<number | null>;
  remove(ids: readonly string[]): Promise<number | null>;
  verify(): Promise<VerifyReport | null>;
  retryThumbnails(ids: readonly string[]): Promise<number | null>;
  /** The desktop app's system dialog; the caller shows a failure. */
  choose(mode: 'files' | 'folder'): Promise<string[]>;
  /** Imports files by path; the caller shows a failure. */
  importPaths(paths: string[], copy: boolean): Promise<ImportReport>;
  /** Links (desktop) or uploads (browser) dropped or picked files; see `addFiles`. */
  addFiles(
    files: File[],
    onProgress: (progress: UploadProgress) => void,
    options?: { copy?: boolean },
  ): Promise<AddedFiles>;
  loadWatched(): Promise<void>;
  /** A refused path comes back in words to show beside the input; other failures are toasts. */
  watch(path: string): Promise<{ watched: true } | { watched: false; problem: string | null }>;
  unwatch(path: string): Promise<void>;
}

interface MediaState extends domain.DomainState<MediaActions> {
  /** Counts by kind and the host's upload limit (what `load` fetches). */
  stats: MediaStats | null;
  /**
   * Library items fetched so far, by id, shared by every view (the screen, the GalleryDialog,
   * the pickers); push events keep them fresh. Views fetch only the items they show.
   */
  items: ReadonlyMap<string, MediaItem>;
  /** Ids asked for that the library no longer has. */
  gone: ReadonlySet<string>;
  /** Why items could not be fetched, for the views to say. */
  itemsError: string | null;
  /** Moves on whenever the library changes: lists of ids are out of date. */
  version: number;
  /** The import running now, wherever it was started; null when none. */
  importProgress: ImportProgress | null;
  watched: WatchedFolder[] | null;
}

const chunk = 200;

export const useMedia = create<MediaState>((set, get) => {
  const inFlight = new Set<string>();

  const fetchItems = async (ids: readonly string[]) => {
    for (let i = 0; i < ids.length; i += chunk) {
      const batch = ids.slice(i, i + chunk);
      for (const id of batch) inFlight.add(id);
      try {
        const { items } = await call('media:getMany', { ids: batch });
        get().actions.upsert(items);
        const found = new Set(items.map((item) => item.id));
        const missing = batch.filter((id) => !found.has(id));
        if (missing.length > 0) {
          const cached = new Map(get().items);
          const gone = new Set(get().gone);
          for (const id of missing) {
            cached.delete(id);
            gone.add(id);
          }
          set({ items: cached, gone });
        }
      } finally {
        for (const id of batch) inFlight.delete(id);
      }
    }
  };

  const refetchKnown = (ids: readonly string[]) => {
    const known = ids.filter((id) => get().items.has(id));
    if (known.length > 0)
      fetchItems(known).catch((error: unknown) => set({ itemsError: domain.messageOf(error) }));
  };

  return {
    stats: null,
    items: new Map(),
    gone: new Set(),
    itemsError: null,
    version: 0,
    importProgress: null,
    watched: null,
    ...domain.notLoaded,
    actions: {
      load: domain.loader<MediaState>(
        set,
        async () => ({ stats: await call('media:stats', {}) }),
        'The library could not be read',
      ),
      subscribe: domain.sharedSubscription(() => {
        const offChanged = api().on('media:changed', ({ ids }) => {
          set({ version: get().version + 1 });
          refetchKnown(ids);
          if (get().status !== 'idle') void get().actions.load();
        });
        const offThumbs = api().on('media:thumbnails', ({ ids }) => refetchKnown(ids));
        const offProgress = api().on('media:importProgress', (importProgress) =>
          set({ importProgress }),
        );
        return () => {
          offChanged();
          offThumbs();
          offProgress();
        };
      }),
      upsert(items) {
        if (items.length === 0) return;
        const cached = new Map(get().items);
        const gone = new Set(get().gone);
        for (const item of items) {
          cached.set(item.id, item);
          gone.delete(item.id);
        }
        set({ items: cached, gone, itemsError: null });
      },
      listIds: async (query) => (await call('media:listIds', query)).ids,
      request(ids) {
        const wanted = ids.filter((id) => !get().items.has(id) && !inFlight.has(id));
        if (wanted.length > 0)
          fetchItems(wanted).catch((error: unknown) =>
            set({ itemsError: domain.messageOf(error) }),
          );
      },
      refresh: (ids) => fetchItems(ids),
      async pick(ids) {
        const outcome = await domain.attempt('The selection could not be used', () =>
          call('media:getMany', { ids: [...ids] }),
        );
        if (!outcome.ok) return null;
        get().actions.upsert(outcome.value.items);
        return outcome.value.items;
      },
      async tag(ids, change) {
        const outcome = await domain.attempt('Tags were not changed', () =>
          call('media:tag', { ids: [...ids], ...change }),
        );
        return outcome.ok ? outcome.value.updated : null;
      },
      async remove(ids) {
        const outcome = await domain.attempt('Nothing was removed', () =>
          call('media:remove', { ids: [...ids] }),
        );
        return outcome.ok ? outcome.value.removed : null;
      },
      async verify() {
        const outcome = await domain.attempt('The files could not be checked', () =>
          call('media:verify', {}),
        );
        return outcome.ok ? outcome.value : null;
      },
      async retryThumbnails(ids) {
        const outcome = await domain.attempt('Thumbnails could not be redrawn', () =>
          call('media:retryThumbnails', { ids: [...ids] }),
        );
        return outcome.ok ? outcome.value.queued : null;
      },
      choose: async (mode) => (await call('media:choose', { mode })).paths,
      importPaths: (paths, copy) => call('media:import', { paths, copy }),
      addFiles: (files, onProgress, options) => addFiles(files, onProgress, options),
      async loadWatched() {
        const outcome = await domain.attempt('Watched folders could not be loaded', () =>
          call('media:watchList', {}),
        );
        if (outcome.ok) set({ watched: outcome.value.folders });
      },
      async watch(path) {
        try {
          set({ watched: (await call('media:watchAdd', { path })).folders });
          return { watched: true };
        } catch (error) {
          const fields = fieldErrorsOf(error);
          if (fields) return { watched: false, problem: fields.path ?? domain.messageOf(error) };
          reportError('The folder could not be watched', error);
          return { watched: false, problem: null };
        }
      },
      async unwatch(path) {
        const outcome = await domain.attempt('The folder is still watched', () =>
          call('media:watchRemove', { path }),
        );
        if (outcome.ok) set({ watched: outcome.value.folders });
      },
    },
  };
});

import { create } from 'zustand';
import type { Account } from '../../../shared/domain/accounts';
import type {
  DistributionListInput,
  DistributionTarget,
  DistributionVideo,
  EditPostInput,
  MetricsPoint,
  MetricsSummary,
  PostChange,
  TargetState,
} from '../../../shared/domain/distribution';
import type { MediaItem } from '../../../shared/domain/media';
import type { PlatformId } from '../../../shared/domain/platforms';
import { api, call } from '../api/api-client';
import * as domain from './domain-store';

export interface DistributionFilters {
  status: TargetState | '';
  platform: PlatformId | '';
  accountId: string;
  /** Only videos from this many days back; 0 for all. */
  days: number;
}

export const noFilters: DistributionFilters = { status: '', platform: '', accountId: '', days: 0 };

interface DistributionActions extends domain.DomainActions {
  /** Puts a target the engine reported into its video (a new video reloads the list). */
  upsert(target: DistributionTarget): void;
  setFilters(patch: Partial<DistributionFilters>): void;
  retry(targetId: string): Promise<void>;
  /** Saves a post's new text; the outcome carries the engine's field messages when refused. */
  editPost(input: EditPostInput): Promise<domain.Outcome<DistributionTarget>>;
  /** The person's changes to a post, newest first (throws the engine's error). */
  changes(targetId: string): Promise<PostChange[]>;
  loadSummary(): Promise<void>;
  /** A post's readings over time; null when they could not be had (the failure is shown). */
  metrics(targetId: string): Promise<MetricsPoint[] | null>;
  openExternal(url: string): Promise<void>;
}

interface DistributionState extends domain.DomainState<DistributionActions> {
  /** The videos the filters let through, newest first, each with its targets. */
  items: DistributionVideo[] | null;
  /** Every account, for the account filter. */
  accounts: Account[];
  filters: DistributionFilters;
  /** Posts whose Retry was pressed and not answered yet: they say "Retrying…" at once. */
  retrying: ReadonlySet<string>;
  /** The media library's item for each rendered file (thumbnail, player); null: not in it. */
  media: Readonly<Record<string, MediaItem | null>>;
  /** Why the rendered files could not be looked up in the library. */
  mediaError: string | null;
  /** Posts and engagement per platform, and why they could not be had. */
  summary: MetricsSummary | null;
  summaryError: string | null;
}

function listInput(filters: DistributionFilters): DistributionListInput {
  return {
    limit: 100,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.platform ? { platform: filters.platform } : {}),
    ...(filters.accountId ? { accountId: filters.accountId } : {}),
    ...(filters.days > 0 ? { from: Date.now() - filters.days * 86_400_000 } : {}),
  };
}

let summaryTicket = 0;

export const useDistribution = create<DistributionState>((set, get) => {
  /** Finds the library items of rendered files not looked up yet, in one request. */
  async function lookUpMedia(videos: DistributionVideo[]): Promise<void> {
    const known = get().media;
    const paths = [...new Set(videos.map((v) => v.filePath))].filter((p) => !(p in known));
    if (paths.length === 0) return;
    try {
      const found = await call('configs:renderedMedia', { paths });
      const media = { ...get().media };
      for (const { path, item } of found) media[path] = item;
      set({ media, mediaError: null });
    } catch (error) {
      set({ mediaError: domain.messageOf(error) });
    }
  }

  return {
    items: null,
    accounts: [],
    filters: noFilters,
    retrying: new Set(),
    media: {},
    mediaError: null,
    summary: null,
    summaryError: null,
    ...domain.notLoaded,
    actions: {
      // No toast: the screen shows the failure in place, and it reloads every minute.
      load: domain.loader<DistributionState>(set, async () => {
        const [items, accounts] = await Promise.all([
          call('distribution:list', listInput(get().filters)),
          call('accounts:list', {}),
        ]);
        void lookUpMedia(items);
        return { items, accounts };
      }),
      // Upload progress, state changes and new metrics, live from the engine.
      subscribe: domain.sharedSubscription(() =>
        api().on('distribution:targetUpdated', (target) => get().actions.upsert(target)),
      ),
      upsert(target) {
        const items = get().items;
        if (!items) return;
        if (!items.some((video) => video.id === target.videoId)) {
          // A new video: the list (with its filters) decides whether it belongs.
          void get().actions.load();
          return;
        }
        set({
          items: items.map((video) =>
            video.id === target.videoId
              ? { ...video, targets: domain.upsertById(video.targets, target) }
              : video,
          ),
        });
      },
      setFilters(patch) {
        set({ filters: { ...get().filters, ...patch } });
        void get().actions.load();
      },
      async retry(targetId) {
        set({ retrying: new Set([...get().retrying, targetId]) });
        const outcome = await domain.attempt('The post could not be retried', () =>
          call('distribution:retry', { targetId }),
        );
        if (outcome.ok) get().actions.upsert(outcome.value);
        const retrying = new Set(get().retrying);
        retrying.delete(targetId);
        set({ retrying });
      },
      async editPost(input) {
        const outcome = await domain.attempt('The post was not changed', () =>
          call('distribution:editPost', input),
        );
        if (outcome.ok) get().actions.upsert(outcome.value);
        return outcome;
      },
      changes: (targetId) => call('distribution:changes', { targetId }),
      async loadSummary() {
        const ticket = ++summaryTicket;
        try {
          const summary = await call('distribution:summary', {});
          if (ticket === summaryTicket) set({ summary, summaryError: null });
        } catch (error) {
          if (ticket === summaryTicket) set({ summaryError: domain.messageOf(error) });
        }
      },
      async metrics(targetId) {
        const outcome = await domain.attempt('Metrics could not be loaded', () =>
          call('distribution:metrics', { targetId }),
        );
        return outcome.ok ? outcome.value : null;
      },
      async openExternal(url) {
        await domain.attempt('The post could not be opened', () =>
          call('app:openExternal', { url }),
        );
      },
    },
  };
});

import { create } from 'zustand';
import type { Account } from '../../../shared/domain/accounts';
import type { ErrorClass, ErrorEntry, ErrorListInput } from '../../../shared/domain/error-log';
import type { PlatformId } from '../../../shared/domain/platforms';
import { api, call } from '../api/api-client';
import * as domain from './domain-store';

const PAGE = 50;
const DAY = 86_400_000;

export interface ErrorFilters {
  platform: PlatformId | '';
  accountId: string;
  errorClass: ErrorClass | '';
  /** Only failures from this many days back; 0 for all. */
  days: number;
}

export const noErrorFilters: ErrorFilters = {
  platform: '',
  accountId: '',
  errorClass: '',
  days: 0,
};

interface ErrorsActions extends domain.DomainActions {
  setFilters(patch: Partial<ErrorFilters>): void;
  loadMore(): Promise<void>;
}

interface ErrorsState extends domain.DomainState<ErrorsActions> {
  /** The failures the filters let through, newest first (null until loaded). */
  items: ErrorEntry[] | null;
  nextCursor: string | null;
  loadingMore: boolean;
  filters: ErrorFilters;
  /** Every account, for the account filter. */
  accounts: Account[];
}

function listInput(filters: ErrorFilters, after?: string): ErrorListInput {
  return {
    limit: PAGE,
    ...(filters.platform ? { platform: filters.platform } : {}),
    ...(filters.accountId ? { accountId: filters.accountId } : {}),
    ...(filters.errorClass ? { errorClass: filters.errorClass } : {}),
    ...(filters.days > 0 ? { from: Date.now() - filters.days * DAY } : {}),
    ...(after ? { after } : {}),
  };
}

/** The errors log: failed posts and jobs, filtered, a page at a time. */
export const useErrors = create<ErrorsState>((set, get) => ({
  items: null,
  nextCursor: null,
  loadingMore: false,
  filters: noErrorFilters,
  accounts: [],
  ...domain.notLoaded,
  actions: {
    load: domain.loader<ErrorsState>(set, async () => {
      const [page, accounts] = await Promise.all([
        call('statistics:errors', listInput(get().filters)),
        call('accounts:list', {}),
      ]);
      return { items: page.entries, nextCursor: page.nextCursor, accounts };
    }),
    // A post that failed for good is a new entry at the top.
    subscribe: domain.sharedSubscription(() =>
      api().on('distribution:targetUpdated', (target) => {
        if (target.state === 'failed' && get().status === 'ready') void get().actions.load();
      }),
    ),
    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch }, nextCursor: null });
      void get().actions.load();
    },
    async loadMore() {
      const { nextCursor, filters, loadingMore } = get();
      if (!nextCursor || loadingMore) return;
      set({ loadingMore: true });
      const outcome = await domain.attempt('More errors could not be loaded', () =>
        call('statistics:errors', listInput(filters, nextCursor)),
      );
      if (outcome.ok && get().filters === filters) {
        set({
          items: [...(get().items ?? []), ...outcome.value.entries],
          nextCursor: outcome.value.nextCursor,
        });
      }
      set({ loadingMore: false });
    },
  },
}));

import { create } from 'zustand';
import type { Alert, AlertCounts, AlertState } from '../../../shared/domain/alerts';
import { api, call } from '../api/api-client';
import * as domain from './domain-store';

const PAGE = 50;

interface AlertsActions extends domain.DomainActions {
  /** Puts an alert the engine reported in its place: into the list it belongs to, out of others. */
  upsert(alert: Alert): void;
  /** The open, acknowledged or resolved alerts. */
  show(view: AlertState): void;
  loadMore(): Promise<void>;
  /** Only the counts: the navigation badge. */
  loadCounts(): Promise<void>;
  acknowledge(id: string): Promise<void>;
  resolve(id: string): Promise<void>;
}

interface AlertsState extends domain.DomainState<AlertsActions> {
  /** The alerts of the view shown, the most recent first (null until loaded). */
  items: Alert[] | null;
  view: AlertState;
  nextCursor: string | null;
  loadingMore: boolean;
  /** Open alerts (the badge), acknowledged ones and open errors; null until read. */
  counts: AlertCounts | null;
  /** Alerts being acknowledged or resolved. */
  acting: ReadonlySet<string>;
}

/** When an alert of a view last changed: the list is sorted by it, newest first. */
function timeOf(alert: Alert): number {
  return alert.state === 'resolved' ? (alert.resolvedAt ?? 0) : alert.lastSeenAt;
}

function placed(items: readonly Alert[], alert: Alert): Alert[] {
  const others = items.filter((item) => item.id !== alert.id);
  const index = others.findIndex(
    (item) =>
      timeOf(item) < timeOf(alert) || (timeOf(item) === timeOf(alert) && item.id < alert.id),
  );
  return index === -1
    ? [...others, alert]
    : [...others.slice(0, index), alert, ...others.slice(index)];
}

let countsTicket = 0;

/** The alerts inbox and the navigation badge, live through `alerts:changed`. */
export const useAlerts = create<AlertsState>((set, get) => {
  const act = async (id: string, title: string, request: () => Promise<Alert>) => {
    set({ acting: new Set([...get().acting, id]) });
    const outcome = await domain.attempt(title, request);
    if (outcome.ok) {
      get().actions.upsert(outcome.value);
      void get().actions.loadCounts();
    }
    const acting = new Set(get().acting);
    acting.delete(id);
    set({ acting });
  };
  return {
    items: null,
    view: 'open',
    nextCursor: null,
    loadingMore: false,
    counts: null,
    acting: new Set(),
    ...domain.notLoaded,
    actions: {
      // No toast: the tab says it in place.
      load: domain.loader<AlertsState>(set, async () => {
        const [page, counts] = await Promise.all([
          call('alerts:list', { state: get().view, limit: PAGE }),
          call('alerts:counts', {}),
        ]);
        return { items: page.alerts, nextCursor: page.nextCursor, counts };
      }),
      subscribe: domain.sharedSubscription(() =>
        api().on('alerts:changed', ({ alert, counts }) => {
          set({ counts });
          get().actions.upsert(alert);
        }),
      ),
      upsert(alert) {
        const { items, view } = get();
        if (!items) return;
        if (alert.state === view) set({ items: placed(items, alert) });
        else set({ items: items.filter((item) => item.id !== alert.id) });
      },
      show(view) {
        if (view === get().view) return;
        set({ view, items: null, nextCursor: null });
        void get().actions.load();
      },
      async loadMore() {
        const { nextCursor, view, loadingMore } = get();
        if (!nextCursor || loadingMore) return;
        set({ loadingMore: true });
        const outcome = await domain.attempt('More alerts could not be loaded', () =>
          call('alerts:list', { state: view, limit: PAGE, after: nextCursor }),
        );
        if (outcome.ok && get().view === view) {
          const known = new Set((get().items ?? []).map((item) => item.id));
          set({
            items: [
              ...(get().items ?? []),
              ...outcome.value.alerts.filter((alert) => !known.has(alert.id)),
            ],
            nextCursor: outcome.value.nextCursor,
          });
        }
        set({ loadingMore: false });
      },
      async loadCounts() {
        const ticket = ++countsTicket;
        try {
          const counts = await call('alerts:counts', {});
          if (ticket === countsTicket) set({ counts });
        } catch {
          // The badge stays as it was; the Alerts tab shows the failure when opened.
        }
      },
      acknowledge: (id) =>
        act(id, 'The alert could not be acknowledged', () => call('alerts:acknowledge', { id })),
      resolve: (id) =>
        act(id, 'The alert could not be resolved', () => call('alerts:resolve', { id })),
    },
  };
});

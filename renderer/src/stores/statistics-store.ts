import { create } from 'zustand';
import type { Account } from '../../../shared/domain/accounts';
import type { Config } from '../../../shared/domain/configs';
import type {
  BestTimes,
  Dashboard,
  Grain,
  Period,
  RebuildStatus,
  StatisticsFilters,
  Timeseries,
  TopPost,
} from '../../../shared/domain/statistics';
import { api, call } from '../api/api-client';
import { plural } from '../format';
import * as domain from './domain-store';
import { notify } from './notices-store';

export type TopSort = 'views' | 'engagementRate';

interface StatisticsActions extends domain.DomainActions {
  setPeriod(period: Period): void;
  setFilters(patch: Partial<StatisticsFilters>): void;
  /** The series' grain; null for the period's own (hours for 24 h, else days). */
  setGrain(grain: Grain | null): void;
  setTopSort(sort: TopSort): void;
  /** The rebuild's progress, pushed by the engine. */
  upsertRebuild(status: RebuildStatus): void;
  rebuild(): Promise<void>;
  /** Asks the engine for the CSV and hands it to the browser as a download. */
  exportCsv(what: 'figures' | 'posts'): Promise<void>;
}

interface StatisticsState extends domain.DomainState<StatisticsActions> {
  period: Period;
  filters: StatisticsFilters;
  grain: Grain | null;
  topSort: TopSort;
  dashboard: Dashboard | null;
  series: Timeseries | null;
  topPosts: TopPost[] | null;
  bestTimes: BestTimes | null;
  /** Every account and config, for the filters. */
  accounts: Account[];
  configs: Config[];
  rebuild: RebuildStatus | null;
  exporting: 'figures' | 'posts' | null;
  /** Why the series or the top posts could not be reloaded after a change of grain or sort. */
  partError: string | null;
}

const TOP_POSTS = 10;

/** Drops the filter keys that are unset, as the contract wants them absent. */
function cleanFilters(filters: StatisticsFilters): StatisticsFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''),
  ) as StatisticsFilters;
}

/**
 * Saves a file the way both transports allow: a blob link clicked in the page (the browser
 * downloads it; the desktop app shows its save dialog).
 */
export function downloadFile(fileName: string, content: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: `${mimeType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** The latest reload of each part; an older answer that lands later is dropped. */
const tickets = { series: 0, top: 0 };
let reloadTimer: number | undefined;

export const useStatistics = create<StatisticsState>((set, get) => {
  const query = () => ({ period: get().period, filters: cleanFilters(get().filters) });
  const seriesInput = () => ({ ...query(), ...(get().grain ? { grain: get().grain! } : {}) });
  const topInput = () => ({ ...query(), sort: get().topSort, limit: TOP_POSTS });

  async function reloadPart<T>(
    part: keyof typeof tickets,
    request: () => Promise<T>,
    apply: (value: T) => void,
  ): Promise<void> {
    const mine = ++tickets[part];
    try {
      const value = await request();
      if (mine !== tickets[part]) return;
      set({ partError: null });
      apply(value);
    } catch (error) {
      if (mine === tickets[part]) set({ partError: domain.messageOf(error) });
    }
  }
  /** A new period or filter reloads everything: parts on their way are out of date. */
  const reloadAll = () => {
    tickets.series += 1;
    tickets.top += 1;
    void get().actions.load();
  };

  return {
    period: { kind: 'preset', preset: '7d' },
    filters: {},
    grain: null,
    topSort: 'views',
    dashboard: null,
    series: null,
    topPosts: null,
    bestTimes: null,
    accounts: [],
    configs: [],
    rebuild: null,
    exporting: null,
    partError: null,
    ...domain.notLoaded,
    actions: {
      // No toast: the screen says it in place.
      load: domain.loader<StatisticsState>(set, async () => {
        const [dashboard, series, topPosts, bestTimes, accounts, configs] = await Promise.all([
          call('statistics:dashboard', query()),
          call('statistics:timeseries', seriesInput()),
          call('statistics:topPosts', topInput()),
          call('statistics:bestTimes', { filters: cleanFilters(get().filters) }),
          call('accounts:list', {}),
          call('configs:list', {}),
        ]);
        return {
          dashboard,
          series,
          topPosts,
          bestTimes,
          accounts,
          configs,
          rebuild: dashboard.rebuild,
          partError: null,
        };
      }),
      // New figures arrive as posts and renders happen; a rebuild reports its progress.
      subscribe: domain.sharedSubscription(() => {
        const offUpdated = api().on('statistics:updated', () => {
          window.clearTimeout(reloadTimer);
          reloadTimer = window.setTimeout(() => void get().actions.load(), 500);
        });
        const offRebuild = api().on('statistics:rebuild', (status) =>
          get().actions.upsertRebuild(status),
        );
        return () => {
          window.clearTimeout(reloadTimer);
          offUpdated();
          offRebuild();
        };
      }),
      setPeriod(period) {
        // The hours of a long period are not drawn: its series falls back to days.
        set({ period, grain: null });
        reloadAll();
      },
      setFilters(patch) {
        set({ filters: cleanFilters({ ...get().filters, ...patch }) });
        reloadAll();
      },
      setGrain(grain) {
        set({ grain });
        void reloadPart(
          'series',
          () => call('statistics:timeseries', seriesInput()),
          (series) => set({ series }),
        );
      },
      setTopSort(topSort) {
        set({ topSort });
        void reloadPart(
          'top',
          () => call('statistics:topPosts', topInput()),
          (topPosts) => set({ topPosts }),
        );
      },
      upsertRebuild(status) {
        const before = get().rebuild?.state;
        set({ rebuild: status });
        // A rebuild that just finished changed the figures.
        if (status.state === 'ready' && (before === 'running' || before === 'queued')) {
          void get().actions.load();
        }
      },
      async rebuild() {
        const outcome = await domain.attempt('Statistics could not be rebuilt', () =>
          call('statistics:rebuild', {}),
        );
        if (outcome.ok) get().actions.upsertRebuild(outcome.value);
      },
      async exportCsv(what) {
        set({ exporting: what });
        const outcome = await domain.attempt('The CSV could not be exported', () =>
          call('statistics:export', { ...query(), what }),
        );
        set({ exporting: null });
        if (!outcome.ok) return;
        const file = outcome.value;
        downloadFile(file.fileName, file.content, file.mimeType);
        notify(
          'Exported',
          what === 'posts'
            ? `${plural(file.rows, 'post')} saved as ${file.fileName}.`
            : `The figures were saved as ${file.fileName}.`,
        );
      },
    },
  };
});

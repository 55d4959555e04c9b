import { create } from 'zustand';
import type { Account } from '../../../shared/domain/accounts';
import type { Calendar } from '../../../shared/domain/calendar';
import { rescheduleRefusalSchema } from '../../../shared/domain/distribution';
import type { PlatformId } from '../../../shared/domain/platforms';
import { api, ApiError, call } from '../api/api-client';
import {
  dateOf,
  daysOf,
  rangeOf,
  shiftAnchor,
  type CalendarView,
} from '../calendar/calendar-layout';
import * as domain from './domain-store';
import { useSettings } from './settings-store';

export interface CalendarFilters {
  accountId: string;
  platform: PlatformId | '';
}

/** Why a move was refused, in the engine's words, and the nearest time it offered. */
export interface MoveRefusal {
  targetId: string;
  message: string;
  nearest: number | null;
}

interface CalendarActions extends domain.DomainActions {
  setView(view: CalendarView): void;
  /** One step (a week, a month, two weeks) back or forward. */
  step(direction: -1 | 1): void;
  /** Back to the days around today. */
  today(): void;
  /** Shows the week of a date (from a month's "more" link). */
  showWeekOf(date: string): void;
  setFilters(patch: Partial<CalendarFilters>): void;
  /** Moves a waiting post; true when moved, else the refusal is kept to be shown. */
  move(targetId: string, at: number): Promise<boolean>;
  dismissRefusal(): void;
}

interface CalendarState extends domain.DomainState<CalendarActions> {
  agenda: Calendar | null;
  /** Every account, for the account filter. */
  accounts: Account[];
  view: CalendarView;
  /** A date in the shown stretch (YYYY-MM-DD in the Settings zone); null: today. */
  anchor: string | null;
  filters: CalendarFilters;
  /** Posts being moved: shown at once as moving. */
  moving: ReadonlySet<string>;
  refusal: MoveRefusal | null;
}

const viewKey = 'reelpilot.calendarView';

function initialView(): CalendarView {
  const stored = window.localStorage.getItem(viewKey);
  return stored === 'month' || stored === 'list' ? stored : 'week';
}

async function settingsZone(): Promise<string> {
  return useSettings.getState().settings?.timeZone ?? (await call('settings:get', {})).timeZone;
}

// Progress of an upload is pushed every second: the calendar reloads at most this often.
const RELOAD_AFTER_EVENT_MS = 2_000;

export const useCalendar = create<CalendarState>((set, get) => {
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  const reloadSoon = () => {
    if (reloadTimer) return;
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      void get().actions.load();
    }, RELOAD_AFTER_EVENT_MS);
  };

  return {
    agenda: null,
    accounts: [],
    view: initialView(),
    anchor: null,
    filters: { accountId: '', platform: '' },
    moving: new Set(),
    refusal: null,
    ...domain.notLoaded,
    actions: {
      load: domain.loader<CalendarState>(set, async () => {
        const timeZone = await settingsZone();
        const now = Date.now();
        const anchor = get().anchor ?? dateOf(now, timeZone);
        const range = rangeOf(daysOf(get().view, anchor, timeZone, now));
        const [agenda, accounts] = await Promise.all([
          call('calendar:agenda', range),
          call('accounts:list', {}),
        ]);
        return { agenda, accounts };
      }),
      subscribe: domain.sharedSubscription(() => {
        const stops = [
          api().on('distribution:targetUpdated', reloadSoon),
          api().on('configs:changed', reloadSoon),
          api().on('settings:changed', reloadSoon),
          // The status is pushed as work progresses; only a pause or a resume changes the agenda.
          api().on('automation:status', (status) => {
            if (status.paused !== get().agenda?.paused) reloadSoon();
          }),
        ];
        return () => {
          for (const stop of stops) stop();
          if (reloadTimer) clearTimeout(reloadTimer);
          reloadTimer = null;
        };
      }),
      setView(view) {
        window.localStorage.setItem(viewKey, view);
        set({ view });
        void get().actions.load();
      },
      step(direction) {
        const zone = get().agenda?.timeZone ?? 'UTC';
        const anchor = get().anchor ?? dateOf(Date.now(), zone);
        set({ anchor: shiftAnchor(anchor, get().view, direction) });
        void get().actions.load();
      },
      today() {
        set({ anchor: null });
        void get().actions.load();
      },
      showWeekOf(date) {
        window.localStorage.setItem(viewKey, 'week');
        set({ anchor: date, view: 'week' });
        void get().actions.load();
      },
      setFilters(patch) {
        set({ filters: { ...get().filters, ...patch } });
      },
      async move(targetId, at) {
        set({ moving: new Set([...get().moving, targetId]), refusal: null });
        let moved = false;
        try {
          await call('distribution:reschedule', { targetId, at });
          moved = true;
        } catch (error) {
          const details =
            error instanceof ApiError ? rescheduleRefusalSchema.safeParse(error.details) : null;
          set({
            refusal: {
              targetId,
              message: domain.messageOf(error),
              nearest: details?.success ? details.data.nearest : null,
            },
          });
        }
        const moving = new Set(get().moving);
        moving.delete(targetId);
        set({ moving });
        await get().actions.load();
        return moved;
      },
      dismissRefusal() {
        set({ refusal: null });
      },
    },
  };
});

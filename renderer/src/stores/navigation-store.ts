import { create } from 'zustand';
import {
  navigationTargetSchema,
  screenIds,
  type NavigationTarget,
  type ScreenId,
} from '../../../shared/domain/screens';
import { api } from '../api/api-client';

export const screens = screenIds;
export type { ScreenId };

const storageKey = 'reelpilot.lastScreen';

function initialScreen(): ScreenId {
  const stored = window.localStorage.getItem(storageKey);
  return (screens as readonly string[]).includes(stored ?? '') ? (stored as ScreenId) : 'configs';
}

/** `#screen=distribution&item=<id>`: how the desktop shell opens a new window on a screen. */
export function parseNavigationHash(hash: string): NavigationTarget | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const parsed = navigationTargetSchema.safeParse({
    screen: params.get('screen') ?? undefined,
    itemId: params.get('item') ?? undefined,
  });
  return parsed.success ? parsed.data : null;
}

/** Asked before the person leaves a view with unsaved work: it calls `leave` to let them go. */
export type LeaveGuard = (leave: () => void) => void;

interface NavigationState {
  screen: ScreenId;
  /**
   * Counts the times a sidebar entry was chosen, the current screen's too: a screen with views
   * of its own (a config's editor or history) goes back to its first view when it changes.
   */
  visits: number;
  leaveGuard: LeaveGuard | null;
  /** The item to bring into view on the screen (`data-item-id`); `serial` tells requests apart. */
  reveal: { itemId: string; serial: number } | null;
  actions: {
    go(screen: ScreenId): void;
    /** Set while a view holds unsaved work; null once it is saved or discarded. */
    setLeaveGuard(guard: LeaveGuard | null): void;
    /** Opens a screen on an item: a notification, a toast's Show, the tray. */
    show(target: NavigationTarget): void;
    /** The item was shown (or could not be found): nothing is left to reveal. */
    revealed(): void;
    /** Follows the desktop shell's requests (`app:navigate`); the returned function stops. */
    subscribe(): () => void;
  };
}

let serial = 0;

/** Which screen is shown; remembered across restarts in the renderer's own storage. */
export const useNavigation = create<NavigationState>((set, get) => ({
  screen: initialScreen(),
  reveal: null,
  visits: 0,
  leaveGuard: null,
  actions: {
    go(screen) {
      const leave = () => {
        window.localStorage.setItem(storageKey, screen);
        set((state) => ({ screen, visits: state.visits + 1, leaveGuard: null, reveal: null }));
      };
      const guard = get().leaveGuard;
      if (guard) guard(leave);
      else leave();
    },
    setLeaveGuard(leaveGuard) {
      set({ leaveGuard });
    },
    show(target) {
      get().actions.go(target.screen);
      if (target.itemId) set({ reveal: { itemId: target.itemId, serial: ++serial } });
    },
    revealed: () => set({ reveal: null }),
    subscribe: () => api().on('app:navigate', (target) => get().actions.show(target)),
  },
}));

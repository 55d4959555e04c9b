import { create } from 'zustand';

export const screens = [
  'accounts',
  'configs',
  'media',
  'distribution',
  'statistics',
  'batch',
  'settings',
] as const;
export type ScreenId = (typeof screens)[number];

const storageKey = 'reelpilot.lastScreen';

function initialScreen(): ScreenId {
  const stored = window.localStorage.getItem(storageKey);
  return (screens as readonly string[]).includes(stored ?? '') ? (stored as ScreenId) : 'configs';
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
  actions: {
    go(screen: ScreenId): void;
    /** Set while a view holds unsaved work; null once it is saved or discarded. */
    setLeaveGuard(guard: LeaveGuard | null): void;
  };
}

/** Which screen is shown; remembered across restarts in the renderer's own storage. */
export const useNavigation = create<NavigationState>((set, get) => ({
  screen: initialScreen(),
  visits: 0,
  leaveGuard: null,
  actions: {
    go(screen) {
      const leave = () => {
        window.localStorage.setItem(storageKey, screen);
        set((state) => ({ screen, visits: state.visits + 1, leaveGuard: null }));
      };
      const guard = get().leaveGuard;
      if (guard) guard(leave);
      else leave();
    },
    setLeaveGuard(leaveGuard) {
      set({ leaveGuard });
    },
  },
}));

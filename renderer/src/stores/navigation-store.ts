import { create } from 'zustand';

export const screens = [
  'accounts',
  'configs',
  'media',
  'distribution',
  'calendar',
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

interface NavigationState {
  screen: ScreenId;
  actions: { go(screen: ScreenId): void };
}

/** Which screen is shown; remembered across restarts in the renderer's own storage. */
export const useNavigation = create<NavigationState>((set) => ({
  screen: initialScreen(),
  actions: {
    go(screen) {
      window.localStorage.setItem(storageKey, screen);
      set({ screen });
    },
  },
}));

import { create } from 'zustand';
import { screenIds, type ScreenId } from '../../../shared/domain/screens';

export const screens = screenIds;
export type { ScreenId };

const storageKey = 'reelpilot.lastScreen';

function initialScreen(): ScreenId {
  const stored = window.localStorage.getItem(storageKey);
  return (screens as readonly string[]).includes(stored ?? '') ? (stored as ScreenId) : 'configs';
}

interface NavigationState {
  screen: ScreenId;
  go(screen: ScreenId): void;
}

export const useNavigation = create<NavigationState>((set) => ({
  screen: initialScreen(),
  go(screen) {
    window.localStorage.setItem(storageKey, screen);
    set({ screen });
  },
}));

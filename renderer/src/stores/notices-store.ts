import { create } from 'zustand';
import type { NavigationTarget } from '../../../shared/domain/screens';
import { api } from '../api/api-client';

export interface Toast {
  id: number;
  level: 'info' | 'warning' | 'error';
  title: string;
  body: string;
  /** What the notice is about: the toast offers to show it. */
  target?: NavigationTarget | undefined;
}

interface NoticesState {
  toasts: Toast[];
  actions: {
    push(toast: Omit<Toast, 'id'>): void;
    dismiss(id: number): void;
    /** Shows the engine's own notices (`app:notice`); the returned function stops. */
    subscribe(): () => void;
  };
}

let nextId = 1;

/** Toasts: what the person is told, by the screens and by the engine. */
export const useNotices = create<NoticesState>((set, get) => ({
  toasts: [],
  actions: {
    push: (toast) =>
      set((state) => ({ toasts: [...state.toasts.slice(-4), { ...toast, id: nextId++ }] })),
    dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
    subscribe: () =>
      api().on('app:notice', ({ level, title, body, target }) =>
        get().actions.push({ level, title, body, target }),
      ),
  },
}));

/** Shows any failure to the person in words; nothing is swallowed. */
export function reportError(title: string, error: unknown): void {
  const body = error instanceof Error ? error.message : 'An unknown error occurred.';
  useNotices.getState().actions.push({ level: 'error', title, body });
}

/** Tells the person something went as asked. */
export function notify(title: string, body: string, level: Toast['level'] = 'info'): void {
  useNotices.getState().actions.push({ level, title, body });
}

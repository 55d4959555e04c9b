import { create } from 'zustand';
import type { NavigationTarget } from '../../../shared/domain/screens';
import { ApiError } from '../api/api-client';

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
  push(toast: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useNotices = create<NoticesState>((set) => ({
  toasts: [],
  push: (toast) =>
    set((state) => ({ toasts: [...state.toasts.slice(-4), { ...toast, id: nextId++ }] })),
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));

/** Shows any failure to the person in words; nothing is swallowed. */
export function reportError(title: string, error: unknown): void {
  const body =
    error instanceof ApiError || error instanceof Error
      ? error.message
      : 'An unknown error occurred.';
  useNotices.getState().push({ level: 'error', title, body });
}

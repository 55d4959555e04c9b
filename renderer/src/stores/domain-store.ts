import { useEffect } from 'react';
import { api, fieldErrorsOf } from '../api/api-client';
import { reportError } from './notices-store';

/**
 * The shape every domain store shares (see renderer/README.md): what it holds, whether it has
 * loaded and why the last load failed, and its `actions`: `load()` asks the engine,
 * `subscribe()` follows the domain's push events, `upsert()` puts in what the engine returned,
 * and domain actions call the engine and update the state. Components call actions, never the
 * api. Actions never change, so a component takes them all with one selector.
 */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface DomainActions {
  load(): Promise<void>;
  /** Follows the domain's push events; the returned function stops following them. */
  subscribe(): () => void;
}

export interface DomainState<A extends DomainActions = DomainActions> {
  status: LoadStatus;
  /** Why the last load failed, in the engine's words; null once a load succeeds. */
  error: string | null;
  actions: A;
}

export const notLoaded = { status: 'idle', error: null } as const;

/**
 * Loads a domain while the component is shown and follows its push events; with `refreshMs`
 * it also reloads on a clock (next-post times and waits move by themselves).
 */
export function useDomain(
  store: { getState(): { actions: DomainActions } },
  refreshMs?: number,
): void {
  useEffect(() => {
    const { load, subscribe } = store.getState().actions;
    void load();
    const unsubscribe = subscribe();
    // Events missed while the stream was away (the host dropped a stream that fell behind).
    const stopResync = api().onResync?.(() => void load());
    return () => {
      unsubscribe();
      stopResync?.();
    };
  }, [store]);
  // Apart, so a clock that changes pace (faster while a job runs) does not load at once.
  useEffect(() => {
    if (!refreshMs) return;
    const timer = window.setInterval(() => void store.getState().actions.load(), refreshMs);
    return () => window.clearInterval(timer);
  }, [store, refreshMs]);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A store's `load`: `loading`, then `ready` with what `fetch` returned, or `error` with the
 * failure's words (what was loaded before stays on screen). With `failureTitle` the failure is
 * also shown as a toast. When loads overlap (a filter changed while the list was on its way),
 * only the latest one lands.
 */
export function loader<S extends { status: LoadStatus; error: string | null }>(
  set: (partial: Partial<S>) => void,
  fetch: () => Promise<Partial<S>>,
  failureTitle?: string,
): () => Promise<void> {
  let latest = 0;
  return async () => {
    const ticket = ++latest;
    set({ status: 'loading' } as Partial<S>);
    try {
      const loaded = await fetch();
      if (ticket === latest) set({ ...loaded, status: 'ready', error: null });
    } catch (error) {
      if (ticket !== latest) return;
      set({ status: 'error', error: messageOf(error) } as Partial<S>);
      if (failureTitle) reportError(failureTitle, error);
    }
  };
}

/**
 * A store's `subscribe`: one set of listeners however many components follow the domain at once
 * (a screen and a dialog over it); the last one to stop removes them.
 */
export function sharedSubscription(attach: () => () => void): () => () => void {
  let followers = 0;
  let detach: (() => void) | null = null;
  return () => {
    if (followers++ === 0) detach = attach();
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      if (--followers === 0) {
        detach?.();
        detach = null;
      }
    };
  };
}

/**
 * For a store whose action answers and push events carry the same status: an answer read
 * before a push that overtook it on the way (a clean-up that settled while "Clean up now" was
 * still answering, Resume from the tray while Pause was answering) must not put the older
 * status back. `pushed()` counts a push; `answer()` says whether anything was pushed while the
 * request was on its way.
 */
export function pushOrder() {
  let pushes = 0;
  return {
    pushed(): void {
      pushes += 1;
    },
    async answer<T>(request: () => Promise<T>): Promise<{ value: T; current: boolean }> {
      const seen = pushes;
      const value = await request();
      return { value, current: pushes === seen };
    },
  };
}

/** The list with `item` in place of the one with its id, or added at the end. */
export function upsertById<T extends { id: string }>(list: readonly T[], item: T): T[] {
  const index = list.findIndex((existing) => existing.id === item.id);
  if (index === -1) return [...list, item];
  const next = list.slice();
  next[index] = item;
  return next;
}

export function withoutId<T extends { id: string }>(list: readonly T[], id: string): T[] {
  return list.filter((item) => item.id !== id);
}

/** What an action behind a form answers: the engine's value, or the messages to show by field. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; fields: Record<string, string> };

/**
 * Runs an action's engine request. A failure is shown as a toast under `failureTitle` (nothing
 * is swallowed) and answered with the field messages of a refused input (BAD_INPUT), so a form
 * can put them beside its fields.
 */
export async function attempt<T>(
  failureTitle: string,
  request: () => Promise<T>,
): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await request() };
  } catch (error) {
    const fields = fieldErrorsOf(error) ?? {};
    reportError(failureTitle, withoutFieldName(error, fields));
    return { ok: false, fields };
  }
}

/**
 * A refused input's message may start with the field's path ("ffmpegPath: …"), which means
 * nothing to a person: the toast says the words only (the form shows them by the field).
 */
function withoutFieldName(error: unknown, fields: Record<string, string>): unknown {
  if (!(error instanceof Error)) return error;
  const path = Object.keys(fields).find((key) => error.message.startsWith(`${key}: `));
  return path ? new Error(error.message.slice(path.length + 2)) : error;
}

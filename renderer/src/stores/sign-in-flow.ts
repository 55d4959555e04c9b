import { call } from '../api/api-client';
import * as domain from './domain-store';
import { reportError } from './notices-store';

/** A sign-in in a browser page that the engine follows, as a store keeps it. */
export interface SignInState<Stage extends string = string> {
  /** Null until the engine answered the start. */
  flowId: string | null;
  stage: Stage | 'starting';
  message: string;
  authorizeUrl: string | null;
}

/** Where a store keeps its sign-in: read and written through its own state. */
export interface SignInSlot<T extends SignInState> {
  read(): T | null;
  write(next: T | null): void;
}

/** The slot of a store that keeps its sign-in under `connect`. */
export function connectSlot<T extends SignInState>(
  get: () => { connect: T | null },
  set: (partial: { connect: T | null }) => void,
): SignInSlot<T> {
  return { read: () => get().connect, write: (connect) => set({ connect }) };
}

/**
 * The sign-in with the engine's pushed progress in it, or null when the push is of another
 * flow (an earlier attempt, another platform) and changes nothing.
 */
export function withProgress<T extends SignInState>(
  current: T | null,
  progress: { flowId: string; stage: T['stage']; message: string },
): T | null {
  if (!current) return null;
  if (current.flowId !== null && current.flowId !== progress.flowId) return null;
  return { ...current, flowId: progress.flowId, stage: progress.stage, message: progress.message };
}

/**
 * Starts a sign-in: shows "Starting…", asks the engine, opens its page where the engine cannot
 * (a browser tab, without giving the page a handle back), then waits for the person. Progress
 * pushed before the answer is kept; a failure is shown under `failureTitle`.
 */
export async function startSignIn<T extends SignInState>(
  slot: SignInSlot<T>,
  options: {
    starting: T;
    request(): Promise<{ flowId: string; authorizeUrl: string; openedExternally: boolean }>;
    /** Whether the sign-in on screen is still the one this start began. */
    belongs(current: T): boolean;
    waitingMessage: string;
    failureTitle: string;
  },
): Promise<void> {
  slot.write(options.starting);
  try {
    const started = await options.request();
    if (!started.openedExternally) window.open(started.authorizeUrl, '_blank', 'noopener');
    const current = slot.read();
    if (current && options.belongs(current) && current.flowId === null) {
      const waiting = current.stage === 'starting';
      slot.write({
        ...current,
        flowId: started.flowId,
        authorizeUrl: started.authorizeUrl,
        stage: waiting ? 'waiting' : current.stage,
        message: waiting ? options.waitingMessage : current.message,
      });
    }
  } catch (error) {
    slot.write(null);
    reportError(options.failureTitle, error);
  }
}

/** Stops the sign-in on screen; one the engine has not answered yet is just forgotten. */
export async function cancelSignIn<T extends SignInState>(
  slot: SignInSlot<T>,
  channel: 'accounts:cancelConnect' | 'storage:cancelConnect',
): Promise<void> {
  const flowId = slot.read()?.flowId;
  if (!flowId) return slot.write(null);
  await domain.attempt('The connection could not be cancelled', () => call(channel, { flowId }));
}

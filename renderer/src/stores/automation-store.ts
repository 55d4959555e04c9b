import { create } from 'zustand';
import type {
  AutomationPreferences,
  AutomationPreferencesPatch,
  AutomationStatus,
} from '../../../shared/domain/automation';
import { api, call } from '../api/api-client';
import * as domain from './domain-store';

interface AutomationActions extends domain.DomainActions {
  /** Puts the status the engine just returned in place (push events do the same). */
  upsert(activity: AutomationStatus): void;
  /**
   * Pause all automation, or Resume. Shown at once; the engine's answer replaces it, and a
   * refusal puts the switch back and is shown.
   */
  pause(): Promise<void>;
  resume(): Promise<void>;
  savePreferences(
    patch: AutomationPreferencesPatch,
    failureTitle: string,
  ): Promise<domain.Outcome<AutomationPreferences>>;
}

interface AutomationState extends domain.DomainState<AutomationActions> {
  /** What runs, waits and comes next, and whether automation is paused: the tray shows the same. */
  activity: AutomationStatus | null;
  /** Notifications, keep-awake, the low-disk threshold, Run now favourites. */
  preferences: AutomationPreferences | null;
  /** Pause (true) or Resume (false) asked for and not yet answered by the engine. */
  pending: boolean | null;
}

/** Whether automation is paused as the person sees it: what they just asked for, else the engine's word. */
export function selectPaused(state: AutomationState): boolean | null {
  return state.pending ?? state.activity?.paused ?? null;
}

export const useAutomation = create<AutomationState>((set, get) => {
  const order = domain.pushOrder();
  const switchTo = async (paused: boolean) => {
    if (get().pending !== null) return;
    set({ pending: paused });
    const outcome = await domain.attempt(
      paused ? 'Automation could not be paused' : 'Automation could not be resumed',
      () => order.answer(() => call(paused ? 'automation:pause' : 'automation:resume', {})),
    );
    if (outcome.ok && outcome.value.current) get().actions.upsert(outcome.value.value);
    set({ pending: null });
  };
  return {
    activity: null,
    preferences: null,
    pending: null,
    ...domain.notLoaded,
    actions: {
      load: domain.loader<AutomationState>(
        set,
        async () => {
          const [activity, preferences] = await Promise.all([
            call('automation:status', {}),
            call('automation:preferences', {}),
          ]);
          return { activity, preferences };
        },
        'What ReelPilot is doing could not be read',
      ),
      // Work starting and ending, the tray's Pause all, another window.
      subscribe: domain.sharedSubscription(() =>
        api().on('automation:status', (activity) => {
          order.pushed();
          get().actions.upsert(activity);
        }),
      ),
      upsert: (activity) => set({ activity }),
      pause: () => switchTo(true),
      resume: () => switchTo(false),
      async savePreferences(patch, failureTitle) {
        const outcome = await domain.attempt(failureTitle, () =>
          call('automation:updatePreferences', patch),
        );
        if (outcome.ok) set({ preferences: outcome.value });
        return outcome;
      },
    },
  };
});

import { create } from 'zustand';
import type { RetentionPolicyPatch, RetentionStatus } from '../../../shared/domain/retention';
import { api, call } from '../api/api-client';
import * as domain from './domain-store';

interface RetentionActions extends domain.DomainActions {
  /** Puts the status the engine just returned in place (push events do the same). */
  upsert(status: RetentionStatus): void;
  save(patch: RetentionPolicyPatch): Promise<domain.Outcome<RetentionStatus>>;
  /** Queues a clean-up now; the status says when it is running and what it did. */
  runNow(): Promise<boolean>;
}

interface RetentionState extends domain.DomainState<RetentionActions> {
  /** The policy, the database size and free disk, the last clean-up; null until loaded. */
  retention: RetentionStatus | null;
}

/** What ReelPilot keeps and for how long, and how much room the data takes. */
export const useRetention = create<RetentionState>((set, get) => {
  // An answer was read before a push that overtook it on the way (a fast clean-up settles while
  // "Clean up now" is still answering "pending"): it must not put the older status back.
  let pushes = 0;
  const answered = async (request: () => Promise<RetentionStatus>) => {
    const seen = pushes;
    const status = await request();
    return { status, current: pushes === seen };
  };
  return {
    retention: null,
    ...domain.notLoaded,
    actions: {
      load: domain.loader<RetentionState>(set, async () => {
        const { status, current } = await answered(() => call('retention:status', {}));
        return current || !get().retention ? { retention: status } : {};
      }),
      // A clean-up queued, running or done; the policy changed in another window.
      subscribe: domain.sharedSubscription(() =>
        api().on('retention:status', (status) => {
          pushes += 1;
          get().actions.upsert(status);
        }),
      ),
      upsert: (retention) => set({ retention }),
      async save(patch) {
        const outcome = await domain.attempt('What is kept was not changed', () =>
          answered(() => call('retention:update', patch)),
        );
        if (!outcome.ok) return outcome;
        if (outcome.value.current) get().actions.upsert(outcome.value.status);
        return { ok: true, value: outcome.value.status };
      },
      async runNow() {
        const outcome = await domain.attempt('The clean-up could not be started', () =>
          answered(() => call('retention:runNow', {})),
        );
        if (outcome.ok && outcome.value.current) get().actions.upsert(outcome.value.status);
        return outcome.ok;
      },
    },
  };
});

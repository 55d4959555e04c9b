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
  const order = domain.pushOrder();
  return {
    retention: null,
    ...domain.notLoaded,
    actions: {
      load: domain.loader<RetentionState>(set, async () => {
        const { value, current } = await order.answer(() => call('retention:status', {}));
        return current || !get().retention ? { retention: value } : {};
      }),
      // A clean-up queued, running or done; the policy changed in another window.
      subscribe: domain.sharedSubscription(() =>
        api().on('retention:status', (status) => {
          order.pushed();
          get().actions.upsert(status);
        }),
      ),
      upsert: (retention) => set({ retention }),
      async save(patch) {
        const outcome = await domain.attempt('What is kept was not changed', () =>
          order.answer(() => call('retention:update', patch)),
        );
        if (!outcome.ok) return outcome;
        if (outcome.value.current) get().actions.upsert(outcome.value.value);
        return { ok: true, value: outcome.value.value };
      },
      async runNow() {
        const outcome = await domain.attempt('The clean-up could not be started', () =>
          order.answer(() => call('retention:runNow', {})),
        );
        if (outcome.ok && outcome.value.current) get().actions.upsert(outcome.value.value);
        return outcome.ok;
      },
    },
  };
});

import { create } from 'zustand';
import type { AccountHealth, SystemHealth } from '../../../shared/domain/health';
import { api, call } from '../api/api-client';
import * as domain from './domain-store';

interface HealthActions extends domain.DomainActions {
  /** Reads the accounts' health again (after an account changed). */
  reloadAccounts(): Promise<void>;
}

interface HealthState extends domain.DomainState<HealthActions> {
  accounts: AccountHealth[] | null;
  system: SystemHealth | null;
}

let accountsTicket = 0;

/** Account and system health; the Health tab reloads it on a clock, accounts when they change. */
export const useHealth = create<HealthState>((set, get) => ({
  accounts: null,
  system: null,
  ...domain.notLoaded,
  actions: {
    load: domain.loader<HealthState>(set, async () => {
      const [accounts, system] = await Promise.all([
        call('statistics:accountHealth', {}),
        call('statistics:systemHealth', {}),
      ]);
      return { accounts, system };
    }),
    subscribe: domain.sharedSubscription(() =>
      api().on('accounts:changed', () => void get().actions.reloadAccounts()),
    ),
    async reloadAccounts() {
      if (get().status !== 'ready') return;
      const ticket = ++accountsTicket;
      try {
        const accounts = await call('statistics:accountHealth', {});
        if (ticket === accountsTicket) set({ accounts });
      } catch (error) {
        if (ticket === accountsTicket) set({ status: 'error', error: domain.messageOf(error) });
      }
    },
  },
}));

import { create } from 'zustand';
import type {
  Account,
  AccountHistory,
  AccountLimits,
  ConnectionTest,
  ConnectProgress,
  PacingConfig,
  PlatformCredentials,
} from '../../../shared/domain/accounts';
import { platformNames, type PlatformId } from '../../../shared/domain/platforms';
import type { InputOf } from '../../../shared/contract';
import { api, call } from '../api/api-client';
import * as domain from './domain-store';
import {
  cancelSignIn,
  connectSlot,
  startSignIn,
  withProgress,
  type SignInState,
} from './sign-in-flow';

export interface ConnectState extends SignInState<ConnectProgress['stage']> {
  platform: PlatformId;
}

interface AccountsActions extends domain.DomainActions {
  /** Puts an account the engine just returned in place (push events do the same). */
  upsert(account: Account): void;
  /** Drops an account the engine removed. */
  forget(accountId: string): void;
  openConnect(platform?: PlatformId): void;
  closeConnect(): void;
  startConnect(platform: PlatformId, allowInsecureStorage: boolean): Promise<void>;
  cancelConnect(): Promise<void>;
  dismissConnect(): void;
  /** False when the engine refused (the failure is shown). */
  setEnabled(account: Account, enabled: boolean): Promise<boolean>;
  remove(account: Account): Promise<boolean>;
  test(account: Account): Promise<ConnectionTest | null>;
  updateLimits(account: Account, limits: AccountLimits): Promise<domain.Outcome<Account>>;
  saveCredentials(
    input: InputOf<'accounts:saveCredentials'>,
  ): Promise<domain.Outcome<PlatformCredentials>>;
  updatePacing(patch: InputOf<'accounts:updatePacing'>): Promise<domain.Outcome<PacingConfig>>;
  /** The account's posts and errors; the caller shows a failure where the history goes. */
  history(accountId: string): Promise<AccountHistory>;
}

interface AccountsState extends domain.DomainState<AccountsActions> {
  items: Account[] | null;
  credentials: PlatformCredentials[] | null;
  pacing: PacingConfig | null;
  connect: ConnectState | null;
  /** The connect panel is open, with this platform chosen. */
  choosing: PlatformId | null;
}

export const useAccounts = create<AccountsState>((set, get) => {
  const slot = connectSlot<ConnectState>(get, set);
  return {
    items: null,
    credentials: null,
    pacing: null,
    connect: null,
    choosing: null,
    ...domain.notLoaded,
    actions: {
      load: domain.loader<AccountsState>(
        set,
        async () => {
          const [items, credentials, pacing] = await Promise.all([
            call('accounts:list', {}),
            call('accounts:credentials', {}),
            call('accounts:pacing', {}),
          ]);
          return { items, credentials, pacing };
        },
        'Accounts could not be loaded',
      ),
      // Account changes and the progress of a connection, from the engine.
      subscribe: domain.sharedSubscription(() => {
        const offChanged = api().on('accounts:changed', ({ accountId, account }) =>
          account ? get().actions.upsert(account) : get().actions.forget(accountId),
        );
        const offProgress = api().on('accounts:connectProgress', (progress) => {
          const current = get().connect;
          if (current?.platform !== progress.platform) return;
          const next = withProgress(current, progress);
          if (next) set({ connect: next });
        });
        return () => {
          offChanged();
          offProgress();
        };
      }),
      upsert(account) {
        const items = get().items;
        if (items) set({ items: domain.upsertById(items, account) });
      },
      forget(accountId) {
        const items = get().items;
        if (items) set({ items: domain.withoutId(items, accountId) });
      },
      openConnect(platform) {
        set({ choosing: platform ?? get().choosing ?? 'youtube' });
      },
      closeConnect() {
        set({ choosing: null, connect: null });
      },
      startConnect: (platform, allowInsecureStorage) =>
        startSignIn(slot, {
          starting: {
            flowId: null,
            platform,
            stage: 'starting',
            message: 'Starting…',
            authorizeUrl: null,
          },
          request: () => call('accounts:connect', { platform, allowInsecureStorage }),
          belongs: (current) => current.platform === platform,
          waitingMessage: 'Waiting for you to allow ReelPilot in the page that opened…',
          failureTitle: 'The connection could not start',
        }),
      cancelConnect: () => cancelSignIn(slot, 'accounts:cancelConnect'),
      dismissConnect() {
        set({ connect: null });
      },
      async setEnabled(account, enabled) {
        const outcome = await domain.attempt(
          `${account.handle} could not be ${enabled ? 'enabled' : 'disabled'}`,
          () => call('accounts:setEnabled', { accountId: account.id, enabled }),
        );
        if (outcome.ok) get().actions.upsert(outcome.value);
        return outcome.ok;
      },
      async remove(account) {
        const outcome = await domain.attempt(`${account.handle} could not be removed`, () =>
          call('accounts:remove', { accountId: account.id }),
        );
        if (outcome.ok) get().actions.forget(account.id);
        return outcome.ok;
      },
      async test(account) {
        const outcome = await domain.attempt(`${account.handle} could not be tested`, () =>
          call('accounts:test', { accountId: account.id }),
        );
        return outcome.ok ? outcome.value : null;
      },
      async updateLimits(account, limits) {
        const outcome = await domain.attempt('The limits were not saved', () =>
          call('accounts:updateLimits', { accountId: account.id, limits }),
        );
        if (outcome.ok) get().actions.upsert(outcome.value);
        return outcome;
      },
      async saveCredentials(input) {
        const outcome = await domain.attempt(
          `The ${platformNames[input.platform]} app was not saved`,
          () => call('accounts:saveCredentials', input),
        );
        if (outcome.ok) {
          const saved = outcome.value;
          const list = get().credentials ?? [];
          set({ credentials: list.map((c) => (c.platform === saved.platform ? saved : c)) });
        }
        return outcome;
      },
      async updatePacing(patch) {
        const outcome = await domain.attempt('The platform caps were not saved', () =>
          call('accounts:updatePacing', patch),
        );
        if (outcome.ok) set({ pacing: outcome.value });
        return outcome;
      },
      history: (accountId) => call('accounts:history', { accountId, limit: 50 }),
    },
  };
});

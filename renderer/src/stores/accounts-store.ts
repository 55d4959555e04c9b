import { create } from 'zustand';
import type {
  Account,
  ConnectProgress,
  PacingConfig,
  PlatformCredentials,
} from '../../../shared/domain/accounts';
import type { PlatformId } from '../../../shared/domain/platforms';
import { api, call } from '../api/api-client';
import { reportError } from './notices-store';

export interface ConnectState {
  flowId: string | null;
  platform: PlatformId;
  stage: ConnectProgress['stage'] | 'starting';
  message: string;
  authorizeUrl: string | null;
}

interface AccountsState {
  accounts: Account[] | null;
  credentials: PlatformCredentials[] | null;
  pacing: PacingConfig | null;
  loadError: string | null;
  connect: ConnectState | null;
  /** The connect panel is open, with this platform chosen. */
  choosing: PlatformId | null;
  openConnect(platform?: PlatformId): void;
  closeConnect(): void;
  load(): Promise<void>;
  upsert(accountId: string, account: Account | null): void;
  startConnect(platform: PlatformId, allowInsecureStorage: boolean): Promise<void>;
  cancelConnect(): Promise<void>;
  dismissConnect(): void;
  setCredentials(credentials: PlatformCredentials): void;
  setPacing(pacing: PacingConfig): void;
}

export const useAccounts = create<AccountsState>((set, get) => ({
  accounts: null,
  credentials: null,
  pacing: null,
  loadError: null,
  connect: null,
  choosing: null,
  openConnect(platform) {
    set({ choosing: platform ?? get().choosing ?? 'youtube' });
  },
  closeConnect() {
    set({ choosing: null, connect: null });
  },
  async load() {
    try {
      const [accounts, credentials, pacing] = await Promise.all([
        call('accounts:list', {}),
        call('accounts:credentials', {}),
        call('accounts:pacing', {}),
      ]);
      set({ accounts, credentials, pacing, loadError: null });
    } catch (error) {
      set({ loadError: error instanceof Error ? error.message : String(error) });
      reportError('Accounts could not be loaded', error);
    }
  },
  upsert(accountId, account) {
    const current = get().accounts;
    if (!current) return;
    const others = current.filter((a) => a.id !== accountId);
    set({ accounts: account ? [...others, account] : others });
  },
  async startConnect(platform, allowInsecureStorage) {
    set({
      connect: {
        flowId: null,
        platform,
        stage: 'starting',
        message: 'Starting…',
        authorizeUrl: null,
      },
    });
    try {
      const started = await call('accounts:connect', { platform, allowInsecureStorage });
      // In a browser the engine cannot open a tab: this page does, without giving it a handle back.
      if (!started.openedExternally) window.open(started.authorizeUrl, '_blank', 'noopener');
      const current = get().connect;
      if (current?.platform === platform && current.flowId === null) {
        set({
          connect: {
            ...current,
            flowId: started.flowId,
            authorizeUrl: started.authorizeUrl,
            stage: current.stage === 'starting' ? 'waiting' : current.stage,
            message:
              current.stage === 'starting'
                ? 'Waiting for you to allow ReelPilot in the page that opened…'
                : current.message,
          },
        });
      }
    } catch (error) {
      set({ connect: null });
      reportError('The connection could not start', error);
    }
  },
  async cancelConnect() {
    const flowId = get().connect?.flowId;
    if (!flowId) return set({ connect: null });
    try {
      await call('accounts:cancelConnect', { flowId });
    } catch (error) {
      reportError('The connection could not be cancelled', error);
    }
  },
  dismissConnect() {
    set({ connect: null });
  },
  setCredentials(credentials) {
    const list = get().credentials ?? [];
    set({
      credentials: list.map((c) => (c.platform === credentials.platform ? credentials : c)),
    });
  },
  setPacing(pacing) {
    set({ pacing });
  },
}));

/** Keeps the screen in step with the engine: account changes and connection progress. */
export function subscribeToAccounts(): () => void {
  const offChanged = api.on('accounts:changed', ({ accountId, account }) =>
    useAccounts.getState().upsert(accountId, account),
  );
  const offProgress = api.on('accounts:connectProgress', (progress) => {
    const current = useAccounts.getState().connect;
    if (!current || current.platform !== progress.platform) return;
    if (current.flowId !== null && current.flowId !== progress.flowId) return;
    useAccounts.setState({
      connect: {
        ...current,
        flowId: progress.flowId,
        stage: progress.stage,
        message: progress.message,
      },
    });
  });
  return () => {
    offChanged();
    offProgress();
  };
}

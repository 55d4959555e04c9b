import { create } from 'zustand';
import type { ApiTokenInfo, CreatedApiToken } from '../../../shared/domain/api-tokens';
import { call } from '../api/api-client';
import { reportError } from '../stores/notices-store';

interface ApiTokensState {
  tokens: ApiTokenInfo[] | null;
  /** The token just created: shown once, forgotten when the person dismisses it. */
  created: CreatedApiToken | null;
  load(): Promise<void>;
  /** Rethrows so the form can show the engine's words next to the name. */
  create(name: string): Promise<void>;
  revoke(id: string): Promise<void>;
  dismissCreated(): void;
}

export const useApiTokens = create<ApiTokensState>((set, get) => ({
  tokens: null,
  created: null,
  async load() {
    try {
      set({ tokens: await call('apiTokens:list', {}) });
    } catch (error) {
      reportError('API tokens could not be loaded', error);
    }
  },
  async create(name) {
    const created = await call('apiTokens:create', { name });
    set({ created, tokens: [...(get().tokens ?? []), created.info] });
  },
  async revoke(id) {
    try {
      await call('apiTokens:revoke', { id });
      set({ tokens: (get().tokens ?? []).filter((token) => token.id !== id) });
      if (get().created?.info.id === id) set({ created: null });
    } catch (error) {
      reportError('The token was not revoked', error);
    }
  },
  dismissCreated: () => set({ created: null }),
}));

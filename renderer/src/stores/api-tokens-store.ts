import { create } from 'zustand';
import type { ApiTokenInfo, CreatedApiToken } from '../../../shared/domain/api-tokens';
import { call } from '../api/api-client';
import * as domain from './domain-store';

interface ApiTokensActions extends domain.DomainActions {
  /** Puts a token the engine just returned into the list. */
  upsert(token: ApiTokenInfo): void;
  /** Creates a token; its secret is kept in `created` until `dismissCreated`. */
  create(name: string): Promise<domain.Outcome<CreatedApiToken>>;
  revoke(token: ApiTokenInfo): Promise<boolean>;
  /** Forgets the secret of the token just created: it is never shown again. */
  dismissCreated(): void;
}

interface ApiTokensState extends domain.DomainState<ApiTokensActions> {
  items: ApiTokenInfo[] | null;
  /** The token just created, with its secret: shown once. */
  created: CreatedApiToken | null;
}

const oldestFirst = (a: ApiTokenInfo, b: ApiTokenInfo) => a.createdAt - b.createdAt;

/** Long-lived tokens for scripts calling the headless host's API. */
export const useApiTokens = create<ApiTokensState>((set, get) => ({
  items: null,
  created: null,
  ...domain.notLoaded,
  actions: {
    load: domain.loader<ApiTokensState>(set, async () => ({
      items: await call('apiTokens:list', {}),
    })),
    // Tokens change only through these actions (the engine pushes no event about them).
    subscribe: domain.sharedSubscription(() => () => {}),
    upsert(token) {
      set({ items: domain.upsertById(get().items ?? [], token).sort(oldestFirst) });
    },
    async create(name) {
      const outcome = await domain.attempt('The token was not created', () =>
        call('apiTokens:create', { name }),
      );
      if (outcome.ok) {
        get().actions.upsert(outcome.value.info);
        set({ created: outcome.value });
      }
      return outcome;
    },
    async revoke(token) {
      const outcome = await domain.attempt(`“${token.name}” was not revoked`, () =>
        call('apiTokens:revoke', { id: token.id }),
      );
      if (!outcome.ok) return false;
      const items = get().items;
      if (items) set({ items: domain.withoutId(items, token.id) });
      if (get().created?.info.id === token.id) set({ created: null });
      return true;
    },
    dismissCreated: () => set({ created: null }),
  },
}));

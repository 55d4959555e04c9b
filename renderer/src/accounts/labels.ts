import type {
  AccountStatus,
  Audience,
  PostDecision,
  TokenFacts,
} from '../../../shared/domain/accounts';
import type { StateLook } from '../components/badge';
import { formatClock } from '../format';

/** An account's status in words, and its tone on the badge and the card's edge. */
export const accountStatuses: Record<AccountStatus, StateLook> = {
  active: { label: 'Active', tone: 'ok' },
  needs_reconnect: { label: 'Needs reconnecting', tone: 'danger' },
  rate_limited: { label: 'Rate limited', tone: 'warning' },
  disabled: { label: 'Disabled', tone: 'muted' },
  error: { label: 'Error', tone: 'danger' },
};

export const audienceLabels: Record<Audience, string> = {
  public: 'Posts can be public',
  private_only: 'Private posts only (app not audited)',
  unknown: 'Public or private: not known until tested',
};

export function describeNextPost(decision: PostDecision): string {
  if (decision.allowed) return 'Can post now';
  if (decision.at === null) return `Not posting: ${decision.reason}`;
  return `Next post from ${formatClock(decision.at)}: ${decision.reason}`;
}

/** Where the sign-in is kept, in words a person knows (not the store's technical name). */
export function describeSecretStore(token: Pick<TokenFacts, 'protectedBy' | 'secure'>): string {
  const store = token.protectedBy;
  if (store.startsWith('safeStorage'))
    return token.secure
      ? "kept in your computer's keychain"
      : 'kept on this computer without encryption (no keychain was available)';
  if (store.includes('vault'))
    return store.includes('environment')
      ? 'kept encrypted in the data folder, with the key from REELPILOT_VAULT_KEY'
      : 'kept encrypted in the data folder, with its key file beside it';
  return `kept in ${store}${token.secure ? '' : ' (not encrypted)'}`;
}

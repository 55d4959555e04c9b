import { useEffect, useState } from 'react';
import type { Account } from '../../../shared/domain/accounts';
import { platformIds, platformLabels } from '../../../shared/domain/configs';
import { api, call } from '../api/api-client';
import { statusLabels } from '../accounts/labels';

function useConnectedAccounts(): { accounts: Account[] | null; error: string | null } {
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    call('accounts:list', {})
      .then((list) => current && setAccounts(list))
      .catch((failure: unknown) => {
        if (current) setError(failure instanceof Error ? failure.message : String(failure));
      });
    const off = api.on('accounts:changed', ({ accountId, account }) =>
      setAccounts((list) => {
        if (!list) return list;
        const others = list.filter((a) => a.id !== accountId);
        return account ? [...others, account] : others;
      }),
    );
    return () => {
      current = false;
      off();
    };
  }, []);
  return { accounts, error };
}

export function accountLabel(account: Account): string {
  return `${account.displayName || account.handle} (@${account.handle})`;
}

/**
 * Chooses the accounts a config posts to: connected accounts grouped by platform, with their
 * status (an account needing reconnection is still choosable; its posts wait until it is fixed).
 */
export function AccountPicker({
  selected,
  onChange,
  describedBy,
}: {
  selected: string[];
  onChange(ids: string[]): void;
  describedBy?: string | undefined;
}) {
  const { accounts, error } = useConnectedAccounts();
  if (error) return <p className="error-text">Accounts could not be loaded: {error}</p>;
  if (!accounts) return <p className="muted">Loading accounts…</p>;
  const known = new Set(accounts.map((account) => account.id));
  const unknown = selected.filter((id) => !known.has(id));
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((other) => other !== id));
  return (
    <div className="account-picker" aria-describedby={describedBy}>
      {accounts.length === 0 && (
        <p className="muted">
          No accounts connected yet. Connect one on the Accounts screen; until then videos are
          rendered without being posted.
        </p>
      )}
      {platformIds.map((platform) => {
        const mine = accounts.filter((account) => account.platform === platform);
        if (mine.length === 0) return null;
        return (
          <fieldset key={platform} className="account-group">
            <legend>{platformLabels[platform]}</legend>
            {mine.map((account) => (
              <label key={account.id} className="field checkbox">
                <input
                  type="checkbox"
                  checked={selected.includes(account.id)}
                  onChange={(event) => toggle(account.id, event.target.checked)}
                />
                <span>{accountLabel(account)}</span>
                {account.status !== 'active' && (
                  <small
                    className={account.status === 'rate_limited' ? 'muted' : 'error-text'}
                    title={account.statusReason ?? undefined}
                  >
                    {statusLabels[account.status]}
                  </small>
                )}
              </label>
            ))}
          </fieldset>
        );
      })}
      {accounts.length > 0 && selected.length === 0 && (
        <small className="muted">None chosen: videos are rendered without being posted.</small>
      )}
      {unknown.map((id) => (
        <p key={id} className="error-text">
          An account chosen earlier is no longer connected.{' '}
          <button type="button" className="secondary small" onClick={() => toggle(id, false)}>
            Remove it
          </button>
        </p>
      ))}
    </div>
  );
}

/** Names of the chosen accounts, for the weights. */
export function useAccountNames(): Map<string, string> {
  const { accounts } = useConnectedAccounts();
  return new Map((accounts ?? []).map((account) => [account.id, accountLabel(account)]));
}

import { platformIds, platformLabels } from '../../../shared/domain/configs';
import { accountStatuses } from '../accounts/labels';
import { useAccounts } from '../stores/accounts-store';
import { useDomain } from '../stores/domain-store';
import styles from './account-picker.module.css';
import { accountName } from './labels';

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
  const accounts = useAccounts((state) => state.items);
  const error = useAccounts((state) => state.error);

  useDomain(useAccounts);

  if (error && !accounts)
    return <p className="error-text">Accounts could not be loaded: {error}</p>;
  if (!accounts) return <p className="muted">Loading accounts…</p>;
  const known = new Set(accounts.map((account) => account.id));
  const unknown = selected.filter((id) => !known.has(id));
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((other) => other !== id));
  return (
    <div className={styles.picker} aria-describedby={describedBy}>
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
          <fieldset key={platform} className={styles.group}>
            <legend>{platformLabels[platform]}</legend>
            {mine.map((account) => (
              <label key={account.id} className="field checkbox">
                <input
                  type="checkbox"
                  checked={selected.includes(account.id)}
                  onChange={(event) => toggle(account.id, event.target.checked)}
                />
                <span>{accountName(account)}</span>
                {account.status !== 'active' && (
                  <small
                    className={account.status === 'rate_limited' ? 'muted' : 'error-text'}
                    title={account.statusReason ?? undefined}
                  >
                    {accountStatuses[account.status].label}
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

/** Names of the connected accounts by id, for the weights (the picker loads them). */
export function useAccountNames(): Map<string, string> {
  const accounts = useAccounts((state) => state.items);
  return new Map((accounts ?? []).map((account) => [account.id, accountName(account)]));
}

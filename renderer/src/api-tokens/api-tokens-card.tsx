import { useState } from 'react';
import type { ApiTokenInfo } from '../../../shared/domain/api-tokens';
import { ConfirmDialog } from '../components/confirm-dialog';
import divided from '../components/divided-list.module.css';
import { Field, shownErrors } from '../components/field';
import { LoadFailure, Loading } from '../components/load-state';
import { formatDateTime } from '../format';
import { useApiTokens } from '../stores/api-tokens-store';
import { useDomain } from '../stores/domain-store';
import { notify } from '../stores/notices-store';
import styles from './api-tokens-card.module.css';

function when(time: number | null): string {
  return time === null ? 'never' : formatDateTime(time);
}

/**
 * Long-lived tokens for the local API (agencies' own tools): created with a name, shown once,
 * revoked here. The API is the headless host's; the desktop app does not listen on the network.
 */
export function ApiTokensCard({ mode }: { mode: 'desktop' | 'headless' }) {
  const tokens = useApiTokens((state) => state.items);
  const created = useApiTokens((state) => state.created);
  const error = useApiTokens((state) => state.error);
  const { load, create, revoke, dismissCreated } = useApiTokens((state) => state.actions);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiTokenInfo | null>(null);
  const [busy, setBusy] = useState(false);
  useDomain(useApiTokens);
  const origin = mode === 'headless' ? window.location.origin : 'http://127.0.0.1:4321';

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setCreating(true);
    setErrors({});
    const outcome = await create(name);
    if (outcome.ok) setName('');
    else setErrors(outcome.fields);
    setCreating(false);
  };

  const confirmRevoke = async (token: ApiTokenInfo) => {
    setBusy(true);
    if (await revoke(token)) {
      notify('Token revoked', `Tools using “${token.name}” are refused from now on.`);
    }
    setBusy(false);
    setRevoking(null);
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      notify('Token copied', 'Keep it somewhere safe.');
    } catch {
      notify(
        'Not copied',
        'The clipboard is not available here: select the token and copy it by hand.',
        'warning',
      );
    }
  };

  return (
    <section className="card" aria-label="API tokens">
      <h2>API tokens</h2>
      <p>
        Scripts and your own tools can drive ReelPilot through its local API (every operation of
        this interface, documented in <code>docs/api.md</code>) with a token sent as{' '}
        <code>Authorization: Bearer …</code>.
      </p>
      <p className="muted small">
        {mode === 'desktop'
          ? 'The API is served by the headless host (npm run serve -- --port 4321 on this data folder); the desktop app itself does not listen on the network. Tokens created here work there.'
          : `This host answers on ${origin} (127.0.0.1 only). Tokens cannot create or revoke tokens.`}
      </p>

      {created && (
        <div className={styles.created} role="status" aria-label="New token">
          <p>
            <strong>Copy the token for “{created.info.name}” now:</strong> it is shown only this
            once and kept only as a hash.
          </p>
          <div className={styles.secret}>
            <code data-testid="new-token">{created.token}</code>
            <button type="button" className="secondary" onClick={() => void copy(created.token)}>
              Copy
            </button>
          </div>
          <pre className={styles.example} aria-label="Example">
            {`curl -s -X POST ${origin}/api/invoke/automation:status \\\n  -H 'Authorization: Bearer ${created.token}' -H 'Content-Type: application/json' -d '{}'`}
          </pre>
          <div className="form-actions">
            <button type="button" className="secondary" onClick={dismissCreated}>
              Done, I copied it
            </button>
          </div>
        </div>
      )}

      {error && !tokens ? (
        <LoadFailure what="API tokens" error={error} onRetry={() => void load()} />
      ) : tokens === null ? (
        <Loading>Loading tokens…</Loading>
      ) : tokens.length === 0 ? (
        <p className="muted">No API tokens.</p>
      ) : (
        <ul className={divided.list} aria-label="Tokens">
          {tokens.map((token) => (
            <li key={token.id} aria-label={token.name}>
              <div>
                <strong>{token.name}</strong> <code className="muted">{token.prefix}…</code>
                <div className="muted small">
                  Created {when(token.createdAt)} · last used {when(token.lastUsedAt)}
                </div>
              </div>
              <button type="button" className="secondary" onClick={() => setRevoking(token)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}

      <form className={styles.create} onSubmit={submit} aria-label="New API token">
        <Field label="Name" path="name" errors={shownErrors(errors)}>
          {(props) => (
            <input
              {...props}
              name="tokenName"
              value={name}
              placeholder="e.g. Agency dashboard"
              maxLength={60}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={creating || name.trim() === ''}>
          {creating ? 'Creating…' : 'Create token'}
        </button>
      </form>

      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        body="Tools using this token stop working at once. This cannot be undone; you can create a new token."
        confirmLabel="Revoke token"
        busy={busy}
        onConfirm={() => revoking && void confirmRevoke(revoking)}
        onCancel={() => setRevoking(null)}
      />
    </section>
  );
}

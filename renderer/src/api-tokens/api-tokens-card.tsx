import { useEffect, useState } from 'react';
import { ApiError } from '../api/api-client';
import { ConfirmDialog } from '../accounts/confirm-dialog';
import { reportError, useNotices } from '../stores/notices-store';
import { useApiTokens } from './api-tokens-store';
import '../automation/automation.css';

function when(time: number | null): string {
  return time === null
    ? 'never'
    : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/**
 * Long-lived tokens for the local API (agencies' own tools): created with a name, shown once,
 * revoked here. The API is the headless host's; the desktop app does not listen on the network.
 */
export function ApiTokensCard({ mode }: { mode: 'desktop' | 'headless' }) {
  const { tokens, created, load, create, revoke, dismissCreated } = useApiTokens();
  const push = useNotices((state) => state.push);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [revoking, setRevoking] = useState<string | null>(null);
  useEffect(() => void load(), [load]);
  const origin = mode === 'headless' ? window.location.origin : 'http://127.0.0.1:4321';

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await create(name);
      setName('');
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure.message);
      reportError('The token was not created', failure);
    } finally {
      setBusy(false);
    }
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      push({ level: 'info', title: 'Token copied', body: 'Keep it somewhere safe.' });
    } catch {
      push({
        level: 'warning',
        title: 'Not copied',
        body: 'The clipboard is not available here: select the token and copy it by hand.',
      });
    }
  };

  const target = tokens?.find((token) => token.id === revoking) ?? null;
  return (
    <section className="card form" aria-label="API tokens">
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
        <div role="status" aria-label="New token">
          <p>
            <strong>Copy the token for “{created.info.name}” now:</strong> it is shown only this
            once and kept only as a hash.
          </p>
          <div className="token-secret">
            <code data-testid="new-token">{created.token}</code>
            <button type="button" className="secondary" onClick={() => void copy(created.token)}>
              Copy
            </button>
          </div>
          <pre className="example small" aria-label="Example">
            {`curl -s -X POST ${origin}/api/invoke/automation:status \\\n  -H 'Authorization: Bearer ${created.token}' -H 'Content-Type: application/json' -d '{}'`}
          </pre>
          <div className="form-actions">
            <button type="button" className="secondary" onClick={dismissCreated}>
              Done, I copied it
            </button>
          </div>
        </div>
      )}

      {tokens === null ? (
        <p className="muted" role="status">
          Loading tokens…
        </p>
      ) : tokens.length === 0 ? (
        <p className="muted">No API tokens.</p>
      ) : (
        <ul className="settings-list" aria-label="Tokens">
          {tokens.map((token) => (
            <li key={token.id}>
              <div>
                <strong>{token.name}</strong> <code className="muted">{token.prefix}…</code>
                <div className="muted small">
                  Created {when(token.createdAt)} · last used {when(token.lastUsedAt)}
                </div>
              </div>
              <button type="button" className="secondary" onClick={() => setRevoking(token.id)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}

      <form className="row" onSubmit={submit} aria-label="New API token">
        <label className="field">
          <span>Name</span>
          <input
            name="tokenName"
            value={name}
            placeholder="e.g. Agency dashboard"
            maxLength={60}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setName(event.target.value)}
          />
          {error && <small className="error-text">{error}</small>}
        </label>
        <button type="submit" disabled={busy || name.trim() === ''}>
          {busy ? 'Creating…' : 'Create token'}
        </button>
      </form>

      <ConfirmDialog
        open={target !== null}
        title={`Revoke “${target?.name ?? ''}”?`}
        body="Tools using this token stop working at once. This cannot be undone; you can create a new token."
        confirmLabel="Revoke token"
        onConfirm={() => {
          if (target) void revoke(target.id);
          setRevoking(null);
        }}
        onCancel={() => setRevoking(null)}
      />
    </section>
  );
}

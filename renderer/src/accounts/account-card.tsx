import { useState } from 'react';
import type { Account, ConnectionTest } from '../../../shared/domain/accounts';
import { platformNames } from '../../../shared/domain/platforms';
import { call } from '../api/api-client';
import { reportError, useNotices } from '../stores/notices-store';
import { useAccounts } from './accounts-store';
import { ConfirmDialog } from './confirm-dialog';
import { describeNextPost, formatTime, statusLabels } from './format';
import { HistoryPanel } from './history-panel';
import { LimitsForm } from './limits-form';

type Panel = 'none' | 'limits' | 'history';

const audienceWords = {
  public: 'Posts can be public',
  private_only: 'Private posts only (app not audited)',
  unknown: 'Public or private: not known until tested',
} as const;

function initials(name: string): string {
  return (
    name
      .replace(/^@/, '')
      .split(/[\s._-]+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase())
      .join('') || '?'
  );
}

export function AccountCard({ account }: { account: Account }) {
  const push = useNotices((state) => state.push);
  const openConnect = useAccounts((state) => state.openConnect);
  const [panel, setPanel] = useState<Panel>('none');
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [toggling, setToggling] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [removing, setRemoving] = useState(false);
  const enabled = account.status !== 'disabled';

  const runTest = async () => {
    setTesting(true);
    try {
      setTest(await call('accounts:test', { accountId: account.id }));
    } catch (error) {
      reportError(`${account.handle} could not be tested`, error);
    } finally {
      setTesting(false);
    }
  };

  const toggle = async () => {
    setToggling(true);
    try {
      await call('accounts:setEnabled', { accountId: account.id, enabled: !enabled });
      push({
        level: 'info',
        title: enabled ? 'Account disabled' : 'Account enabled',
        body: enabled
          ? `ReelPilot will not post to ${account.handle} until you enable it.`
          : `${account.handle} is back in the rotation.`,
      });
    } catch (error) {
      reportError(`${account.handle} could not be ${enabled ? 'disabled' : 'enabled'}`, error);
    } finally {
      setToggling(false);
    }
  };

  const remove = async () => {
    setRemoving(true);
    try {
      await call('accounts:remove', { accountId: account.id });
      push({
        level: 'info',
        title: 'Account removed',
        body: `${account.handle} was removed; its post history is kept.`,
      });
    } catch (error) {
      reportError(`${account.handle} could not be removed`, error);
      setRemoving(false);
      setConfirmRemove(false);
    }
  };

  const expires = account.token.accessExpiresAt;
  return (
    <article
      data-item-id={account.id}
      className={`account-card status-${account.status}`}
      aria-label={`${platformNames[account.platform]} ${account.handle}`}
    >
      <header className="account-head">
        <div className="avatar" aria-hidden="true">
          {initials(account.displayName)}
        </div>
        <div className="account-names">
          <strong>{account.displayName}</strong>
          <span className="muted">{account.handle}</span>
        </div>
        <span className={`status-badge ${account.status}`} data-testid="account-status">
          {statusLabels[account.status]}
        </span>
      </header>
      {account.statusReason && <p className="status-reason">{account.statusReason}</p>}
      <p className="next-post" data-testid="next-post">
        {describeNextPost(account.nextPost)}
      </p>
      <dl className="facts">
        <div>
          <dt>Health</dt>
          <dd>
            {account.counters.postsTotal} posts, {account.counters.errorsTotal} errors
            {account.counters.consecutiveErrors > 0
              ? ` (${account.counters.consecutiveErrors} in a row)`
              : ''}
            {account.platform === 'x' && account.counters.costTotalUsd > 0
              ? `, $${account.counters.costTotalUsd.toFixed(2)} spent`
              : ''}
          </dd>
        </div>
        <div>
          <dt>Last post</dt>
          <dd>{account.lastPostAt ? formatTime(account.lastPostAt) : 'Never'}</dd>
        </div>
        <div>
          <dt>Audience</dt>
          <dd>{audienceWords[account.audience]}</dd>
        </div>
        <div>
          <dt>Sign-in</dt>
          <dd>
            {account.token.scopes.length} permissions;{' '}
            {expires === null
              ? 'does not expire'
              : `renewed automatically (current one until ${formatTime(expires)})`}
            ; kept in {account.token.protectedBy}
            {account.token.secure ? '' : ' (not encrypted)'}
          </dd>
        </div>
        <div>
          <dt>Limits</dt>
          <dd>
            {account.limits.postsPerHour ?? 'any'} per hour, {account.limits.postsPerDay ?? 'any'}{' '}
            per day, {account.limits.minGapMinutes ?? 'no'} minutes apart
          </dd>
        </div>
      </dl>

      {test && (
        <div className={test.ok ? 'test-result ok' : 'test-result failed'} role="status">
          <p>
            <strong>{test.summary}</strong>
          </p>
          <ul>
            {test.checks
              .filter((check) => check.message !== test.summary)
              .map((check) => (
                <li key={check.id} className={check.ok === false ? 'error-text' : undefined}>
                  {check.ok === true ? '✓' : check.ok === false ? '✗' : '?'} {check.message}
                </li>
              ))}
          </ul>
        </div>
      )}

      <div className="row account-actions">
        {account.status === 'needs_reconnect' && (
          <button
            type="button"
            onClick={() => {
              openConnect(account.platform);
              window.scrollTo({ top: 0, behavior: 'smooth' });
            }}
          >
            Reconnect
          </button>
        )}
        <button type="button" className="secondary" onClick={runTest} disabled={testing}>
          {testing ? 'Testing…' : 'Test'}
        </button>
        <button
          type="button"
          className="secondary"
          aria-expanded={panel === 'limits'}
          onClick={() => setPanel(panel === 'limits' ? 'none' : 'limits')}
        >
          Edit limits
        </button>
        {account.status !== 'needs_reconnect' && (
          <button type="button" className="secondary" onClick={toggle} disabled={toggling}>
            {enabled ? 'Disable' : 'Enable'}
          </button>
        )}
        <button
          type="button"
          className="secondary"
          aria-expanded={panel === 'history'}
          onClick={() => setPanel(panel === 'history' ? 'none' : 'history')}
        >
          History
        </button>
        <button
          type="button"
          className="secondary danger-text"
          onClick={() => setConfirmRemove(true)}
        >
          Remove
        </button>
      </div>
      {panel === 'limits' && <LimitsForm account={account} onDone={() => setPanel('none')} />}
      {panel === 'history' && <HistoryPanel account={account} />}
      <ConfirmDialog
        open={confirmRemove}
        title={`Remove ${account.handle}?`}
        body={`ReelPilot forgets this ${platformNames[account.platform]} account and its sign-in, and stops posting to it. Its post and error history is kept. You can connect it again later.`}
        confirmLabel="Remove account"
        busy={removing}
        onConfirm={() => void remove()}
        onCancel={() => setConfirmRemove(false)}
      />
    </article>
  );
}

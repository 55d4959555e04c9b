import { useState } from 'react';
import { displayHandle, type Account, type ConnectionTest } from '../../../shared/domain/accounts';
import { platformNames } from '../../../shared/domain/platforms';
import { Badge } from '../components/badge';
import { cx } from '../components/class-names';
import { ConfirmDialog } from '../components/confirm-dialog';
import { prefersReducedMotion } from '../components/motion';
import { formatClock, plural } from '../format';
import { useAccounts } from '../stores/accounts-store';
import { notify } from '../stores/notices-store';
import styles from './account-card.module.css';
import { HistoryPanel } from './history-panel';
import { accountStatuses, audienceLabels, describeNextPost, describeSecretStore } from './labels';
import { LimitsForm } from './limits-form';

type Panel = 'none' | 'limits' | 'history';

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
  const {
    openConnect,
    setEnabled,
    remove: removeAccount,
    test: testAccount,
  } = useAccounts((state) => state.actions);
  const [panel, setPanel] = useState<Panel>('none');
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [toggling, setToggling] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [removing, setRemoving] = useState(false);
  const enabled = account.status !== 'disabled';
  const status = accountStatuses[account.status];
  const handle = displayHandle(account.platform, account.handle);

  const runTest = async () => {
    setTesting(true);
    const result = await testAccount(account);
    if (result) setTest(result);
    setTesting(false);
  };

  const toggle = async () => {
    setToggling(true);
    if (await setEnabled(account, !enabled)) {
      notify(
        enabled ? 'Account disabled' : 'Account enabled',
        enabled
          ? `ReelPilot will not post to ${handle} until you enable it.`
          : `${handle} is back in the rotation.`,
      );
    }
    setToggling(false);
  };

  const remove = async () => {
    setRemoving(true);
    if (await removeAccount(account)) {
      notify('Account removed', `${handle} was removed; its post history is kept.`);
    } else {
      setRemoving(false);
      setConfirmRemove(false);
    }
  };

  // Opens one panel under the card, or closes it when it is the one open.
  const panelButton = (which: Exclude<Panel, 'none'>, label: string) => (
    <button
      type="button"
      className="secondary"
      aria-expanded={panel === which}
      onClick={() => setPanel(panel === which ? 'none' : which)}
    >
      {label}
    </button>
  );

  const expires = account.token.accessExpiresAt;
  return (
    <article
      data-item-id={account.id}
      className={cx(styles.card, status.tone !== 'neutral' && styles[status.tone])}
      aria-label={`${platformNames[account.platform]} ${handle}`}
    >
      <header className={styles.head}>
        <div className={styles.avatar} aria-hidden="true">
          {initials(account.displayName)}
        </div>
        <div className={styles.names}>
          <strong>{account.displayName}</strong>
          {handle !== account.displayName && <span className="muted">{handle}</span>}
        </div>
        <Badge tone={status.tone} data-testid="account-status">
          {status.label}
        </Badge>
      </header>
      {/* The status's reason is usually why it cannot post: said once, in the next-post line. */}
      {account.statusReason &&
        (account.nextPost.allowed || account.nextPost.reason !== account.statusReason) && (
          <p className={styles.reason}>{account.statusReason}</p>
        )}
      <p className={styles.nextPost} data-testid="next-post">
        {describeNextPost(account.nextPost)}
      </p>
      <dl className={styles.facts}>
        <div>
          <dt>Health</dt>
          <dd>
            {plural(account.counters.postsTotal, 'post')},{' '}
            {plural(account.counters.errorsTotal, 'error')}
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
          <dd>{account.lastPostAt ? formatClock(account.lastPostAt) : 'Never'}</dd>
        </div>
        <div>
          <dt>Audience</dt>
          <dd>{audienceLabels[account.audience]}</dd>
        </div>
        <div>
          <dt>Sign-in</dt>
          <dd>
            {account.token.scopes.length} permissions;{' '}
            {expires === null
              ? 'does not expire'
              : `renewed automatically (current one until ${formatClock(expires)})`}
            ; {describeSecretStore(account.token)}
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
        <div
          className={cx(styles.testResult, test.ok ? styles.passed : styles.failed)}
          role="status"
        >
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

      <div className={cx('row', styles.actions)}>
        {account.status === 'needs_reconnect' && (
          <button
            type="button"
            onClick={() => {
              openConnect(account.platform);
              window.scrollTo({ top: 0, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
            }}
          >
            Reconnect
          </button>
        )}
        <button type="button" className="secondary" onClick={runTest} disabled={testing}>
          {testing ? 'Testing…' : 'Test'}
        </button>
        {panelButton('limits', 'Edit limits')}
        {account.status !== 'needs_reconnect' && (
          <button type="button" className="secondary" onClick={toggle} disabled={toggling}>
            {enabled ? 'Disable' : 'Enable'}
          </button>
        )}
        {panelButton('history', 'History')}
        <button
          type="button"
          className="secondary error-text"
          onClick={() => setConfirmRemove(true)}
        >
          Remove
        </button>
      </div>
      {panel === 'limits' && <LimitsForm account={account} onDone={() => setPanel('none')} />}
      {panel === 'history' && <HistoryPanel account={account} />}
      <ConfirmDialog
        open={confirmRemove}
        title={`Remove ${handle}?`}
        body={`ReelPilot forgets this ${platformNames[account.platform]} account and its sign-in, and stops posting to it. Its post and error history is kept. You can connect it again later.`}
        confirmLabel="Remove account"
        cancelLabel="Keep it"
        busy={removing}
        onConfirm={() => void remove()}
        onCancel={() => setConfirmRemove(false)}
      />
    </article>
  );
}

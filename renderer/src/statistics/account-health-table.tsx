import { statisticsItems } from '../../../shared/domain/alerts';
import {
  QUOTA_NEAR_SHARE,
  type AccountHealth,
  type QuotaUsage,
} from '../../../shared/domain/health';
import { platformNames } from '../../../shared/domain/platforms';
import { accountStatuses } from '../accounts/labels';
import { Badge } from '../components/badge';
import { cx } from '../components/class-names';
import { formatAgo, formatClock, formatDateTime, plural } from '../format';
import { useNavigation } from '../stores/navigation-store';
import styles from './health.module.css';
import { healthLooks, quotaAmount, tokenLooks } from './labels';

function Quota({ quota, now }: { quota: QuotaUsage; now: number }) {
  const text = `${quotaAmount(quota.used, quota.unit)} of ${quotaAmount(quota.limit, quota.unit)}`;
  const share = Math.min(1, quota.used / quota.limit);
  return (
    <li
      className={cx(
        styles.quota,
        share >= 1 ? styles.full : share >= QUOTA_NEAR_SHARE && styles.near,
      )}
    >
      <span className="small">
        {quota.label}: {text}
        {quota.resetsAt !== null && quota.used > 0 && (
          <span className="muted"> · room again {formatClock(quota.resetsAt, now)}</span>
        )}
      </span>
      <div
        className={styles.bar}
        role="meter"
        aria-label={`${quota.label}: ${text}`}
        aria-valuemin={0}
        aria-valuemax={quota.limit}
        aria-valuenow={Math.min(quota.used, quota.limit)}
      >
        <div className={styles.fill} style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
    </li>
  );
}

function SignIn({ health, now }: { health: AccountHealth; now: number }) {
  const look = tokenLooks[health.token.state];
  const ends = health.token.refreshExpiresAt;
  return (
    <div className={styles.stack}>
      <Badge tone={look.tone}>{look.label}</Badge>
      {ends !== null && health.token.state !== 'expired' && (
        <span className="muted small" title={formatDateTime(ends)}>
          {ends > now ? `ends ${formatDateTime(ends)}` : `ended ${formatAgo(ends, now)}`}
        </span>
      )}
    </div>
  );
}

function Posting({ health, now }: { health: AccountHealth; now: number }) {
  const decision = health.postNow;
  if (decision.allowed) return <span className="ok-text">Can post now</span>;
  return (
    <div className={styles.stack}>
      <span>
        {decision.at === null ? 'Not posting' : `Next post at ${formatClock(decision.at, now)}`}
      </span>
      <span className="muted small">{decision.reason}</span>
    </div>
  );
}

/** Every account: status, sign-in, errors, last post, headroom now, quotas and what to do. */
export function AccountHealthTable({ accounts, now }: { accounts: AccountHealth[]; now: number }) {
  const { show } = useNavigation((state) => state.actions);
  return (
    <section className="card" aria-labelledby="account-health-title">
      <h2 id="account-health-title">Accounts</h2>
      {accounts.length === 0 ? (
        <div className="empty-state">
          <p className="muted">
            No accounts connected yet. Connect one on the Accounts screen: its sign-in, errors,
            posting headroom and quotas show here.
          </p>
          <button type="button" onClick={() => show({ screen: 'accounts' })}>
            Go to Accounts
          </button>
        </div>
      ) : (
        <div className={styles.scroll}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Health</th>
                <th scope="col">Sign-in</th>
                <th scope="col">Errors</th>
                <th scope="col">Last post</th>
                <th scope="col">Posting</th>
                <th scope="col">Quotas and limits</th>
                <th scope="col">What to do</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((health) => {
                const level = healthLooks[health.level];
                const status = accountStatuses[health.status];
                return (
                  <tr
                    key={health.accountId}
                    data-item-id={statisticsItems.accountHealth(health.accountId)}
                    data-testid={`account-health-${health.platform}`}
                  >
                    <th scope="row">
                      <div className={styles.stack}>
                        <span className={styles.accountName}>{health.handle}</span>
                        <span className="muted small">{platformNames[health.platform]}</span>
                      </div>
                    </th>
                    <td>
                      <div className={styles.stack}>
                        <Badge tone={level.tone}>{level.label}</Badge>
                        {health.status !== 'active' && (
                          <span className="muted small">{status.label}</span>
                        )}
                      </div>
                    </td>
                    <td>
                      <SignIn health={health} now={now} />
                    </td>
                    <td>
                      {health.consecutiveErrors === 0 && health.failedLast24h === 0 ? (
                        <span className="muted">None</span>
                      ) : (
                        <div className={styles.stack}>
                          {health.consecutiveErrors > 0 && (
                            <span>{health.consecutiveErrors} in a row</span>
                          )}
                          {health.failedLast24h > 0 && (
                            <span className="muted small">
                              {plural(health.failedLast24h, 'post')} failed in 24 h
                            </span>
                          )}
                        </div>
                      )}
                    </td>
                    <td>
                      {health.lastSuccessAt === null ? (
                        <span className="muted">Never</span>
                      ) : (
                        <span title={formatDateTime(health.lastSuccessAt)}>
                          {formatAgo(health.lastSuccessAt, now)}
                        </span>
                      )}
                    </td>
                    <td>
                      <Posting health={health} now={now} />
                    </td>
                    <td>
                      {health.quotas.length === 0 ? (
                        <span className="muted">No limits</span>
                      ) : (
                        <ul className={styles.quotas}>
                          {health.quotas.map((quota) => (
                            <Quota key={quota.id} quota={quota} now={now} />
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      {health.action ? (
                        <div className={styles.stack}>
                          <span className="small">{health.action}</span>
                          <button
                            type="button"
                            className="link"
                            onClick={() => show({ screen: 'accounts', itemId: health.accountId })}
                          >
                            Show in Accounts
                          </button>
                        </div>
                      ) : (
                        <span className="muted">Nothing</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

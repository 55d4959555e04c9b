import type { Account } from '../../../shared/domain/accounts';
import type { DistributePlan } from '../../../shared/domain/batch';
import { cx } from '../components/class-names';
import { formatZonedDateTime, plural } from '../format';
import styles from './batch.module.css';

const handleOf = (account: Account) => `@${account.handle.replace(/^@/, '')}`;
const LISTED = 8;

/** The planned posts on a timeline over the window, one lane per account, and the first few in order. */
export function SlotsTimeline({
  plan,
  accounts,
  from,
  to,
  mediaNames = {},
}: {
  plan: DistributePlan;
  accounts: readonly Account[];
  from: number;
  to: number;
  /** Video names by library id, for the list of planned posts. */
  mediaNames?: Readonly<Record<string, string>>;
}) {
  const placed = plan.slots.filter((s) => s.at !== null);
  const end = Math.max(to, ...placed.map((s) => s.at!));
  const span = Math.max(1, end - from);
  const lanes = accounts.filter((a) => plan.slots.some((s) => s.accountId === a.id));
  const skipped = plan.slots.filter((s) => s.alreadyPosted).length;
  const unplanned = plan.slots.filter((s) => !s.alreadyPosted && s.at === null);
  return (
    <div data-testid="slots-preview">
      <p className="small">
        {plural(placed.length, 'post')} planned in {plan.timeZone}
        {skipped > 0 &&
          `; ${plural(skipped, 'post')} left out: already posted or planned on that account`}
        .
      </p>
      <div className={styles.timeline} role="list" aria-label="Planned posts">
        {lanes.map((account) => {
          const mine = placed.filter((s) => s.accountId === account.id);
          return (
            <div key={account.id} className={styles.lane} role="listitem">
              <span title={account.handle}>
                {handleOf(account)} ({mine.length})
              </span>
              <div className={styles.track}>
                {mine.map((slot) => (
                  <span
                    key={`${slot.mediaId}-${slot.accountId}`}
                    className={cx(styles.dot, slot.at! >= to && styles.late)}
                    style={{ left: `${((slot.at! - from) / span) * 100}%` }}
                    title={`${formatZonedDateTime(slot.at!, plan.timeZone)}${slot.reason ? ` — ${slot.reason}` : ''}`}
                  />
                ))}
              </div>
            </div>
          );
        })}
      </div>
      <div className={cx(styles.axis, 'muted small')}>
        <span>{formatZonedDateTime(from, plan.timeZone)}</span>
        <span>{formatZonedDateTime(end, plan.timeZone)}</span>
      </div>
      <ol className={styles.slotList} aria-label="First planned posts">
        {[...placed]
          .sort((a, b) => a.at! - b.at!)
          .slice(0, LISTED)
          .map((slot) => {
            const account = accounts.find((a) => a.id === slot.accountId);
            return (
              <li key={`${slot.mediaId}-${slot.accountId}`}>
                <span>{formatZonedDateTime(slot.at!, plan.timeZone)}</span>
                <span className="muted">{account ? handleOf(account) : 'Removed account'}</span>
                <span className="muted">{mediaNames[slot.mediaId] ?? ''}</span>
              </li>
            );
          })}
        {placed.length > LISTED && (
          <li className="muted">and {plural(placed.length - LISTED, 'more post')}</li>
        )}
      </ol>
      {plan.warnings.map((warning) => (
        <p key={warning} className="warning-box small">
          {warning}
        </p>
      ))}
      {unplanned.length > 0 && (
        <p className="error-text small">
          {plural(unplanned.length, 'post')} cannot be planned: {unplanned[0]!.reason}
        </p>
      )}
    </div>
  );
}

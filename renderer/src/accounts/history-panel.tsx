import { useEffect, useState } from 'react';
import type { Account, AccountHistory, ErrorKind } from '../../../shared/domain/accounts';
import { Badge } from '../components/badge';
import { Loading } from '../components/load-state';
import { formatClock } from '../format';
import { messageOf } from '../stores/domain-store';
import { useAccounts } from '../stores/accounts-store';
import styles from './history-panel.module.css';

const kindLabels: Record<ErrorKind, string> = {
  auth: 'Sign-in',
  rate: 'Rate limit',
  transient: 'Temporary',
  content: 'Content',
};

/** The account's posts and errors, newest first. */
export function HistoryPanel({ account }: { account: Account }) {
  const { history: loadHistory } = useAccounts((state) => state.actions);
  const [history, setHistory] = useState<AccountHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const changed = account.updatedAt;

  useEffect(() => {
    let live = true;
    loadHistory(account.id).then(
      (value) => live && setHistory(value),
      (failure: unknown) => live && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [account.id, changed, loadHistory]);

  if (error) return <p className="error-text">The history could not be loaded: {error}</p>;
  if (!history) return <Loading>Loading the history…</Loading>;
  return (
    <div className={styles.history} aria-label={`History of ${account.handle}`}>
      <div>
        <h3>Posts</h3>
        {history.posts.length === 0 ? (
          <p className="muted small">Nothing posted to this account yet.</p>
        ) : (
          <ul>
            {history.posts.map((post) => (
              <li key={post.id}>
                <span>{formatClock(post.postedAt)}</span>{' '}
                <span className="muted">
                  {post.remotePostId ? `post ${post.remotePostId}` : 'posted'}
                  {post.costUsd > 0 ? ` · $${post.costUsd.toFixed(2)}` : ''}
                  {post.note ? ` · ${post.note}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3>Errors</h3>
        {history.errors.length === 0 ? (
          <p className="muted small">No errors recorded.</p>
        ) : (
          <ul>
            {history.errors.map((item) => (
              <li key={item.id}>
                <span>{formatClock(item.occurredAt)}</span> <Badge>{kindLabels[item.kind]}</Badge>{' '}
                {item.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { Account, AccountHistory } from '../../../shared/domain/accounts';
import { call } from '../api/api-client';
import { formatTime } from './labels';

const kindLabels = {
  auth: 'Sign-in',
  rate: 'Rate limit',
  transient: 'Temporary',
  content: 'Content',
} as const;

/** The account's posts and errors, newest first. */
export function HistoryPanel({ account }: { account: Account }) {
  const [history, setHistory] = useState<AccountHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const changed = account.updatedAt;

  useEffect(() => {
    let live = true;
    call('accounts:history', { accountId: account.id, limit: 50 }).then(
      (value) => live && setHistory(value),
      (failure: unknown) =>
        live && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      live = false;
    };
  }, [account.id, changed]);

  if (error) return <p className="error-text">The history could not be loaded: {error}</p>;
  if (!history)
    return (
      <p className="muted" role="status">
        Loading the history…
      </p>
    );
  return (
    <div className="history" aria-label={`History of ${account.handle}`}>
      <div>
        <h3>Posts</h3>
        {history.posts.length === 0 ? (
          <p className="muted small">Nothing posted to this account yet.</p>
        ) : (
          <ul>
            {history.posts.map((post) => (
              <li key={post.id}>
                <span>{formatTime(post.postedAt)}</span>{' '}
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
                <span>{formatTime(item.occurredAt)}</span>{' '}
                <span className="badge">{kindLabels[item.kind]}</span> {item.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

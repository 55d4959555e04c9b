import { useEffect, useState } from 'react';
import { platformIds, platformNames } from '../../../shared/domain/platforms';
import { AccountCard } from '../accounts/account-card';
import { subscribeToAccounts, useAccounts } from '../stores/accounts-store';
import { ConnectPanel } from '../accounts/connect-panel';
import { PacingSection } from '../accounts/pacing-section';
import { PlatformAppsSection } from '../accounts/platform-apps-section';
import { statusLabels } from '../accounts/labels';
import './accounts.css';

export function AccountsScreen() {
  const accounts = useAccounts((state) => state.accounts);
  const loadError = useAccounts((state) => state.loadError);
  const load = useAccounts((state) => state.load);
  const panelOpen = useAccounts((state) => state.connect !== null || state.choosing !== null);
  const openConnect = useAccounts((state) => state.openConnect);
  const [, setTick] = useState(0);

  useEffect(() => {
    void load();
    const unsubscribe = subscribeToAccounts();
    // Next-post times and rate limits move with the clock.
    const timer = window.setInterval(() => void load(), 60_000);
    const redraw = window.setInterval(() => setTick((n) => n + 1), 30_000);
    return () => {
      unsubscribe();
      window.clearInterval(timer);
      window.clearInterval(redraw);
    };
  }, [load]);

  const attention = (accounts ?? []).filter((a) => a.status !== 'active').length;

  return (
    <section className="screen accounts-screen" aria-labelledby="accounts-title">
      <header className="screen-header with-actions">
        <h1 id="accounts-title">Accounts</h1>
        {!panelOpen && (
          <button type="button" onClick={() => openConnect()}>
            Connect account
          </button>
        )}
      </header>
      {panelOpen && <ConnectPanel />}
      {loadError ? (
        <div className="card" role="alert">
          <p>Accounts could not be loaded: {loadError}</p>
          <button type="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : accounts === null ? (
        <p className="muted" role="status">
          Loading accounts…
        </p>
      ) : accounts.length === 0 ? (
        <div className="card empty-state">
          <h2>No accounts yet</h2>
          <p className="muted">
            Connect your TikTok, YouTube, Instagram, Facebook and X accounts to post to them. Each
            platform needs your own developer app first: set it up under “Platform apps” below, then
            choose “Connect account”.
          </p>
        </div>
      ) : (
        <>
          <p className="muted summary-line">
            {accounts.length} account{accounts.length === 1 ? '' : 's'}
            {attention > 0 ? ` · ${attention} need${attention === 1 ? 's' : ''} attention` : ''}
          </p>
          {platformIds.map((platform) => {
            const group = accounts
              .filter((a) => a.platform === platform)
              .sort((a, b) => a.handle.localeCompare(b.handle));
            if (group.length === 0) return null;
            const counts = group.reduce<Record<string, number>>((acc, a) => {
              acc[a.status] = (acc[a.status] ?? 0) + 1;
              return acc;
            }, {});
            return (
              <section
                key={platform}
                className="platform-group"
                aria-label={platformNames[platform]}
              >
                <h2>
                  {platformNames[platform]}{' '}
                  <span className="muted small">
                    {Object.entries(counts)
                      .map(
                        ([status, n]) =>
                          `${n} ${statusLabels[status as keyof typeof statusLabels].toLowerCase()}`,
                      )
                      .join(', ')}
                  </span>
                </h2>
                <div className="account-grid">
                  {group.map((account) => (
                    <AccountCard key={account.id} account={account} />
                  ))}
                </div>
              </section>
            );
          })}
        </>
      )}
      <PlatformAppsSection />
      <PacingSection />
    </section>
  );
}

import { useEffect, useState } from 'react';
import { platformIds, platformNames } from '../../../shared/domain/platforms';
import { AccountCard } from '../accounts/account-card';
import { ConnectPanel } from '../accounts/connect-panel';
import { accountStatuses } from '../accounts/labels';
import { PacingSection } from '../accounts/pacing-section';
import { PlatformAppsSection } from '../accounts/platform-apps-section';
import { LoadFailure, Loading } from '../components/load-state';
import { Screen, ScreenHeader } from '../components/screen';
import { plural } from '../format';
import { useAccounts } from '../stores/accounts-store';
import { useDomain } from '../stores/domain-store';
import styles from './accounts-screen.module.css';

export function AccountsScreen() {
  const accounts = useAccounts((state) => state.items);
  const error = useAccounts((state) => state.error);
  const { load, openConnect } = useAccounts((state) => state.actions);
  const panelOpen = useAccounts((state) => state.connect !== null || state.choosing !== null);
  const [, setTick] = useState(0);

  // Next-post times and rate limits move with the clock.
  useDomain(useAccounts, 60_000);
  useEffect(() => {
    const redraw = window.setInterval(() => setTick((n) => n + 1), 30_000);
    return () => window.clearInterval(redraw);
  }, []);

  const attention = (accounts ?? []).filter((a) => a.status !== 'active').length;

  return (
    <Screen labelledBy="accounts-title">
      <ScreenHeader
        id="accounts-title"
        title="Accounts"
        actions={
          !panelOpen && (
            <button type="button" onClick={() => openConnect()}>
              Connect account
            </button>
          )
        }
      />
      {panelOpen && <ConnectPanel />}
      {error ? (
        <LoadFailure what="Accounts" error={error} onRetry={() => void load()} />
      ) : accounts === null ? (
        <Loading>Loading accounts…</Loading>
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
          <p className={`muted ${styles.summaryLine}`}>
            {plural(accounts.length, 'account')}
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
                className={styles.platformGroup}
                aria-label={platformNames[platform]}
              >
                <h2>
                  {platformNames[platform]}{' '}
                  <span className="muted small">
                    {Object.entries(counts)
                      .map(
                        ([status, n]) =>
                          `${n} ${accountStatuses[status as keyof typeof accountStatuses].label.toLowerCase()}`,
                      )
                      .join(', ')}
                  </span>
                </h2>
                <div className={styles.accountGrid}>
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
    </Screen>
  );
}

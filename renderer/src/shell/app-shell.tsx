import { lazy, Suspense, useEffect } from 'react';
import { Loading } from '../components/load-state';
import { ToastList } from '../components/toast-list';
import { AccountsScreen } from '../screens/accounts-screen';
import { ConfigsScreen } from '../screens/configs-screen';
import { DistributionScreen } from '../screens/distribution-screen';
import { MediaScreen } from '../screens/media-screen';
import { SettingsScreen } from '../screens/settings-screen';
import { UpcomingScreen } from '../screens/upcoming-screen';
import { screens, useNavigation, type ScreenId } from '../stores/navigation-store';
import { useNotices } from '../stores/notices-store';
import { useDomain } from '../stores/domain-store';
import { useSettings } from '../stores/settings-store';
import styles from './app-shell.module.css';
import { useTheme } from './use-theme';

// The charts library is large: it loads with the Statistics screen, not with the app.
const StatisticsScreen = lazy(async () => ({
  default: (await import('../screens/statistics-screen')).StatisticsScreen,
}));

const labels: Record<ScreenId, string> = {
  accounts: 'Accounts',
  configs: 'Configs',
  media: 'Media',
  distribution: 'Distribution',
  statistics: 'Statistics',
  batch: 'Batch',
  settings: 'Settings',
};

function Screen({ screen }: { screen: ScreenId }) {
  if (screen === 'settings') return <SettingsScreen />;
  if (screen === 'accounts') return <AccountsScreen />;
  if (screen === 'configs') return <ConfigsScreen />;
  if (screen === 'media') return <MediaScreen />;
  if (screen === 'distribution') return <DistributionScreen />;
  if (screen === 'statistics') {
    return (
      <Suspense fallback={<Loading>Loading statistics…</Loading>}>
        <StatisticsScreen />
      </Suspense>
    );
  }
  return <UpcomingScreen screen={screen} />;
}

export function AppShell() {
  const screen = useNavigation((state) => state.screen);
  const { go } = useNavigation((state) => state.actions);
  const theme = useSettings((state) => state.settings?.theme);
  const { subscribe: followNotices } = useNotices((state) => state.actions);
  useTheme(theme);
  // Settings drive the theme everywhere; the engine's notices show wherever the person is.
  useDomain(useSettings);
  useEffect(() => followNotices(), [followNotices]);

  return (
    <div className={styles.app}>
      <nav className={styles.sidebar} aria-label="Main">
        <div className={styles.brand}>ReelPilot</div>
        <ul>
          {screens.map((id) => (
            <li key={id}>
              <button
                type="button"
                className={styles.navItem}
                aria-current={id === screen ? 'page' : undefined}
                onClick={() => go(id)}
              >
                {labels[id]}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className={styles.content}>
        <Screen screen={screen} />
      </main>
      <ToastList />
    </div>
  );
}

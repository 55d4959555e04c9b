import { lazy, Suspense, useEffect } from 'react';
import { screenLabels } from '../../../shared/domain/screens';
import { AutomationControl } from '../automation/automation-control';
import { DiskFullBanner } from '../automation/disk-full-banner';
import { PauseBanner } from '../automation/pause-banner';
import { Loading } from '../components/load-state';
import { ToastList } from '../components/toast-list';
import { AccountsScreen } from '../screens/accounts-screen';
import { BatchScreen } from '../screens/batch-screen';
import { CalendarScreen } from '../screens/calendar-screen';
import { ConfigsScreen } from '../screens/configs-screen';
import { DistributionScreen } from '../screens/distribution-screen';
import { MediaScreen } from '../screens/media-screen';
import { SettingsScreen } from '../screens/settings-screen';
import { AlertsBadge } from '../statistics/alerts-badge';
import { useAutomation } from '../stores/automation-store';
import { useDomain } from '../stores/domain-store';
import { screens, useNavigation, type ScreenId } from '../stores/navigation-store';
import { useNotices } from '../stores/notices-store';
import { useSettings } from '../stores/settings-store';
import { AccessLostNotice } from './access-lost-notice';
import styles from './app-shell.module.css';
import { useNavigationRequests, useRevealItem } from './navigation-requests';
import { useTheme } from './use-theme';

// The charts library is large: it loads with the Statistics screen, not with the app.
const StatisticsScreen = lazy(async () => ({
  default: (await import('../screens/statistics-screen')).StatisticsScreen,
}));

function Screen({ screen }: { screen: ScreenId }) {
  if (screen === 'settings') return <SettingsScreen />;
  if (screen === 'accounts') return <AccountsScreen />;
  if (screen === 'configs') return <ConfigsScreen />;
  if (screen === 'media') return <MediaScreen />;
  if (screen === 'distribution') return <DistributionScreen />;
  if (screen === 'calendar') return <CalendarScreen />;
  if (screen === 'batch') return <BatchScreen />;
  return (
    <Suspense fallback={<Loading>Loading statistics…</Loading>}>
      <StatisticsScreen />
    </Suspense>
  );
}

export function AppShell() {
  const screen = useNavigation((state) => state.screen);
  const { go } = useNavigation((state) => state.actions);
  const theme = useSettings((state) => state.settings?.theme);
  const { subscribe: followNotices } = useNotices((state) => state.actions);
  useTheme(theme);
  // Settings drive the theme everywhere; the engine's notices and the automation status (the
  // pause banner, the sidebar) show wherever the person is.
  useDomain(useSettings);
  useDomain(useAutomation);
  useEffect(() => followNotices(), [followNotices]);
  useNavigationRequests();
  useRevealItem();

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
                {screenLabels[id]}
                {id === 'statistics' && <AlertsBadge />}
              </button>
            </li>
          ))}
        </ul>
        <AutomationControl />
      </nav>
      <main className={styles.content}>
        <DiskFullBanner />
        <PauseBanner />
        <Screen screen={screen} />
      </main>
      <ToastList />
      <AccessLostNotice />
    </div>
  );
}

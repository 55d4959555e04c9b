import { useEffect } from 'react';
import { api } from './api/api-client';
import { AutomationControl } from './automation/automation-control';
import { subscribeToAutomation, useAutomation } from './automation/automation-store';
import { useNavigationRequests } from './automation/navigation-requests';
import { PauseBanner } from './automation/pause-banner';
import { screenLabels as labels } from '../../shared/domain/screens';
import { ToastList } from './components/toast-list';
import { AccountsScreen } from './screens/accounts-screen';
import { ConfigsScreen } from './screens/configs-screen';
import { DistributionScreen } from './screens/distribution-screen';
import { MediaScreen } from './screens/media-screen';
import { SettingsScreen } from './screens/settings-screen';
import { UpcomingScreen } from './screens/upcoming-screen';
import { screens, useNavigation, type ScreenId } from './stores/navigation-store';
import { useNotices } from './stores/notices-store';
import { subscribeToSettings, useSettings } from './stores/settings-store';
import { useTheme } from './theme/use-theme';

function Screen({ screen }: { screen: ScreenId }) {
  if (screen === 'settings') return <SettingsScreen />;
  if (screen === 'accounts') return <AccountsScreen />;
  if (screen === 'configs') return <ConfigsScreen />;
  if (screen === 'media') return <MediaScreen />;
  if (screen === 'distribution') return <DistributionScreen />;
  return <UpcomingScreen screen={screen} />;
}

export function AppShell() {
  const screen = useNavigation((state) => state.screen);
  const go = useNavigation((state) => state.go);
  const theme = useSettings((state) => state.settings?.theme);
  const load = useSettings((state) => state.load);
  const loadAutomation = useAutomation((state) => state.load);
  useTheme(theme);
  useNavigationRequests();

  useEffect(() => {
    void load();
    void loadAutomation();
    const unsubscribeSettings = subscribeToSettings();
    const unsubscribeAutomation = subscribeToAutomation();
    const unsubscribeNotices = api.on('app:notice', (notice) => useNotices.getState().push(notice));
    return () => {
      unsubscribeSettings();
      unsubscribeAutomation();
      unsubscribeNotices();
    };
  }, [load, loadAutomation]);

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">ReelPilot</div>
        <ul>
          {screens.map((id) => (
            <li key={id}>
              <button
                type="button"
                className={id === screen ? 'nav-item active' : 'nav-item'}
                aria-current={id === screen ? 'page' : undefined}
                onClick={() => go(id)}
              >
                {labels[id]}
              </button>
            </li>
          ))}
        </ul>
        <AutomationControl />
      </nav>
      <main className="content">
        <PauseBanner />
        <Screen screen={screen} />
      </main>
      <ToastList />
    </div>
  );
}

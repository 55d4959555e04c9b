import { ApiTokensCard } from '../api-tokens/api-tokens-card';
import { AutomationSettingsCard } from '../automation/automation-settings-card';
import { NotificationSettingsCard } from '../automation/notification-settings-card';
import { useSettings } from '../stores/settings-store';
import { DataFolderCard } from './data-folder-card';
import { SettingsForm } from './settings-form';

export function SettingsScreen() {
  const settings = useSettings((state) => state.settings);
  const info = useSettings((state) => state.info);
  const loadError = useSettings((state) => state.loadError);
  const load = useSettings((state) => state.load);

  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen-header">
        <h1 id="settings-title">Settings</h1>
      </header>
      {loadError ? (
        <div className="card" role="alert">
          <p>Settings could not be loaded: {loadError}</p>
          <button type="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : !settings || !info ? (
        <p className="muted" role="status">
          Loading settings…
        </p>
      ) : (
        <>
          <SettingsForm
            key={JSON.stringify(settings)}
            settings={settings}
            canStartAtLogin={info.capabilities.startAtLogin}
          />
          <DataFolderCard info={info} />
          <AutomationSettingsCard mode={info.mode} />
          <NotificationSettingsCard mode={info.mode} />
          <ApiTokensCard mode={info.mode} />
        </>
      )}
    </section>
  );
}

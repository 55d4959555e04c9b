import { ApiTokensCard } from '../api-tokens/api-tokens-card';
import { AutomationSettingsCard } from '../automation/automation-settings-card';
import { NotificationSettingsCard } from '../automation/notification-settings-card';
import { LoadFailure, Loading } from '../components/load-state';
import { Screen, ScreenHeader } from '../components/screen';
import { RetentionCard } from '../retention/retention-card';
import { DataFolderCard } from '../settings/data-folder-card';
import { SettingsForm } from '../settings/settings-form';
import { StorageBackupSection } from '../storage/storage-backup-section';
import { useSettings } from '../stores/settings-store';

/**
 * The engine's settings, where its data lives and what of it is kept, automation, notifications and API tokens. The
 * shell loads and follows the settings and the automation status.
 */
export function SettingsScreen() {
  const settings = useSettings((state) => state.settings);
  const info = useSettings((state) => state.info);
  const error = useSettings((state) => state.error);
  const { load } = useSettings((state) => state.actions);

  return (
    <Screen labelledBy="settings-title">
      <ScreenHeader id="settings-title" title="Settings" />
      {error ? (
        <LoadFailure what="Settings" error={error} onRetry={() => void load()} />
      ) : !settings || !info ? (
        <Loading>Loading settings…</Loading>
      ) : (
        <>
          <SettingsForm
            key={JSON.stringify(settings)}
            settings={settings}
            canStartAtLogin={info.capabilities.startAtLogin}
          />
          <DataFolderCard info={info} />
          <RetentionCard />
          <AutomationSettingsCard mode={info.mode} />
          <NotificationSettingsCard mode={info.mode} />
          <ApiTokensCard mode={info.mode} />
        </>
      )}
      <StorageBackupSection />
    </Screen>
  );
}

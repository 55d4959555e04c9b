import { LoadFailure, Loading } from '../components/load-state';
import { Screen, ScreenHeader } from '../components/screen';
import { DataFolderCard } from '../settings/data-folder-card';
import { SettingsForm } from '../settings/settings-form';
import { StorageBackupSection } from '../storage/storage-backup-section';
import { useSettings } from '../stores/settings-store';

/** The engine's settings and where its data lives. The shell loads and follows the settings. */
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
        </>
      )}
      <StorageBackupSection />
    </Screen>
  );
}

import { create } from 'zustand';
import type { AppInfo } from '../../../shared/domain/app-info';
import type { Settings, SettingsPatch } from '../../../shared/domain/settings';
import { api, call } from '../api/api-client';
import { reportError } from './notices-store';

interface SettingsState {
  settings: Settings | null;
  info: AppInfo | null;
  loadError: string | null;
  load(): Promise<void>;
  /** Saves a patch; on failure the error is rethrown so the form can show field messages. */
  save(patch: SettingsPatch): Promise<Settings>;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: null,
  info: null,
  loadError: null,
  async load() {
    try {
      const [settings, info] = await Promise.all([call('settings:get', {}), call('app:info', {})]);
      set({ settings, info, loadError: null });
    } catch (error) {
      set({ loadError: error instanceof Error ? error.message : String(error) });
      reportError('Settings could not be loaded', error);
    }
  },
  async save(patch) {
    const settings = await call('settings:update', patch);
    set({ settings });
    return settings;
  },
}));

/** Keeps the store in step with changes made elsewhere (another window, the tray). */
export function subscribeToSettings(): () => void {
  return api.on('settings:changed', (settings) => useSettings.setState({ settings }));
}

import { create } from 'zustand';
import type { AppInfo, RelocateDataResult } from '../../../shared/domain/app-info';
import type { FfmpegCheck, Settings, SettingsPatch } from '../../../shared/domain/settings';
import { api, call } from '../api/api-client';
import * as domain from './domain-store';

interface SettingsActions extends domain.DomainActions {
  /** Puts the settings the engine just returned in place (push events do the same). */
  upsert(settings: Settings): void;
  save(patch: SettingsPatch): Promise<domain.Outcome<Settings>>;
  /** Null when the check itself failed (shown as a toast). */
  checkFfmpeg(path: string | null): Promise<FfmpegCheck | null>;
  relocateData(target: string): Promise<domain.Outcome<RelocateDataResult>>;
}

interface SettingsState extends domain.DomainState<SettingsActions> {
  settings: Settings | null;
  info: AppInfo | null;
}

export const useSettings = create<SettingsState>((set, get) => ({
  settings: null,
  info: null,
  ...domain.notLoaded,
  actions: {
    load: domain.loader<SettingsState>(
      set,
      async () => {
        const [settings, info] = await Promise.all([
          call('settings:get', {}),
          call('app:info', {}),
        ]);
        return { settings, info };
      },
      'Settings could not be loaded',
    ),
    // Changes made elsewhere: another window, the tray.
    subscribe: domain.sharedSubscription(() =>
      api().on('settings:changed', (settings) => get().actions.upsert(settings)),
    ),
    upsert: (settings) => set({ settings }),
    async save(patch) {
      const outcome = await domain.attempt('Settings were not saved', () =>
        call('settings:update', patch),
      );
      if (outcome.ok) get().actions.upsert(outcome.value);
      return outcome;
    },
    async checkFfmpeg(path) {
      const outcome = await domain.attempt('ffmpeg could not be checked', () =>
        call('settings:checkFfmpeg', { path }),
      );
      return outcome.ok ? outcome.value : null;
    },
    relocateData: (target) =>
      domain.attempt('The data folder was not moved', () => call('app:relocateData', { target })),
  },
}));

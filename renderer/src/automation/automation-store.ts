import { create } from 'zustand';
import type {
  AutomationPreferences,
  AutomationPreferencesPatch,
  AutomationStatus,
} from '../../../shared/domain/automation';
import { api, call } from '../api/api-client';
import { reportError } from '../stores/notices-store';

interface AutomationState {
  status: AutomationStatus | null;
  preferences: AutomationPreferences | null;
  /** A pause or resume is on its way. */
  switching: boolean;
  load(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  loadPreferences(): Promise<void>;
  /** Saves a patch; on failure the error is rethrown so the form can show field messages. */
  savePreferences(patch: AutomationPreferencesPatch): Promise<AutomationPreferences>;
}

/** Pause all and what runs now, as the engine pushes it (the tray shows the same). */
export const useAutomation = create<AutomationState>((set) => {
  const switchTo = async (channel: 'automation:pause' | 'automation:resume', what: string) => {
    set({ switching: true });
    try {
      set({ status: await call(channel, {}) });
    } catch (error) {
      reportError(`Automation could not be ${what}`, error);
    } finally {
      set({ switching: false });
    }
  };
  return {
    status: null,
    preferences: null,
    switching: false,
    async load() {
      try {
        set({ status: await call('automation:status', {}) });
      } catch (error) {
        reportError('What ReelPilot is doing could not be read', error);
      }
    },
    pause: () => switchTo('automation:pause', 'paused'),
    resume: () => switchTo('automation:resume', 'resumed'),
    async loadPreferences() {
      try {
        set({ preferences: await call('automation:preferences', {}) });
      } catch (error) {
        reportError('Notification settings could not be loaded', error);
      }
    },
    async savePreferences(patch) {
      const preferences = await call('automation:updatePreferences', patch);
      set({ preferences });
      return preferences;
    },
  };
});

export function subscribeToAutomation(): () => void {
  return api.on('automation:status', (status) => useAutomation.setState({ status }));
}

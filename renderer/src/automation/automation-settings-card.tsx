import { useEffect, useState } from 'react';
import type { Config } from '../../../shared/domain/configs';
import { call } from '../api/api-client';
import { reportError, useNotices } from '../stores/notices-store';
import { useAutomation } from './automation-store';
import { PauseToggle } from './pause-toggle';

const MAX_FAVOURITES = 10;

/**
 * Pause all (the same switch as the sidebar's), keeping the computer awake while work runs, and
 * the favourite configs the tray offers under Run now.
 */
export function AutomationSettingsCard({ mode }: { mode: 'desktop' | 'headless' }) {
  const status = useAutomation((state) => state.status);
  const preferences = useAutomation((state) => state.preferences);
  const save = useAutomation((state) => state.savePreferences);
  const push = useNotices((state) => state.push);
  const loadPreferences = useAutomation((state) => state.loadPreferences);
  const [configs, setConfigs] = useState<Config[] | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => void loadPreferences(), [loadPreferences]);
  useEffect(() => {
    call('configs:list', {}).then(setConfigs, (error: unknown) =>
      reportError('Configs could not be loaded', error),
    );
  }, []);

  const update = async (patch: Parameters<typeof save>[0], done: string) => {
    setSaving(true);
    try {
      await save(patch);
      push({ level: 'info', title: done, body: 'Saved.' });
    } catch (error) {
      reportError('The change was not saved', error);
    } finally {
      setSaving(false);
    }
  };

  const favourites = preferences?.favouriteConfigIds ?? [];
  const toggleFavourite = (id: string, on: boolean) =>
    void update(
      {
        favouriteConfigIds: on ? [...favourites, id] : favourites.filter((other) => other !== id),
      },
      on ? 'Added to Run now' : 'Removed from Run now',
    );

  return (
    <section className="card form" aria-label="Automation settings">
      <h2>Automation</h2>
      {status?.paused ? (
        <p>
          Paused: schedules do not run and no new upload starts. Run now still renders; its posts
          wait until you resume.
        </p>
      ) : (
        <p>
          Running. Pausing stops the schedules and new uploads (uploads already running finish); Run
          now still renders. The pause is kept across restarts.
        </p>
      )}
      <div className="row">
        <PauseToggle />
      </div>

      <h2>While working</h2>
      <label className="field checkbox">
        <input
          type="checkbox"
          name="keepAwake"
          checked={preferences?.keepAwake ?? false}
          disabled={!preferences || saving || mode !== 'desktop'}
          onChange={(event) =>
            void update(
              { keepAwake: event.target.checked },
              event.target.checked
                ? 'The computer stays awake while working'
                : 'The computer may sleep',
            )
          }
        />
        <span>Keep the computer awake while a video renders or uploads</span>
      </label>
      <small className="muted">
        {mode === 'desktop'
          ? 'If the computer sleeps anyway, uploads stop cleanly and continue after it wakes; a missed schedule runs once.'
          : 'Only the desktop app can keep the computer awake; here the system’s power settings decide.'}
      </small>

      <h2>Run now from the tray</h2>
      <p className="muted small">
        {mode === 'desktop'
          ? 'The tray menu offers these configs under Run now.'
          : 'The desktop app’s tray menu offers these configs under Run now.'}
      </p>
      {configs === null ? (
        <p className="muted" role="status">
          Loading configs…
        </p>
      ) : configs.length === 0 ? (
        <p className="muted">No configs yet: create one on the Configs screen.</p>
      ) : (
        <ul className="settings-list" aria-label="Favourite configs">
          {configs.map((config) => {
            const checked = favourites.includes(config.id);
            return (
              <li key={config.id}>
                <label className="field checkbox">
                  <input
                    type="checkbox"
                    checked={checked}
                    disabled={
                      !preferences || saving || (!checked && favourites.length >= MAX_FAVOURITES)
                    }
                    onChange={(event) => toggleFavourite(config.id, event.target.checked)}
                  />
                  <span>{config.name}</span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

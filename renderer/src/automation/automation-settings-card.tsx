import { useState } from 'react';
import type { AutomationPreferencesPatch } from '../../../shared/domain/automation';
import divided from '../components/divided-list.module.css';
import { Loading } from '../components/load-state';
import { selectPaused, useAutomation } from '../stores/automation-store';
import { useConfigs } from '../stores/configs-store';
import { useDomain } from '../stores/domain-store';
import { notify } from '../stores/notices-store';
import { PauseToggle } from './pause-toggle';

const MAX_FAVOURITES = 10;

/**
 * Pause all (the same switch as the sidebar's), keeping the computer awake while work runs, and
 * the favourite configs the tray offers under Run now.
 */
export function AutomationSettingsCard({ mode }: { mode: 'desktop' | 'headless' }) {
  const paused = useAutomation(selectPaused);
  const preferences = useAutomation((state) => state.preferences);
  const { savePreferences } = useAutomation((state) => state.actions);
  const configs = useConfigs((state) => state.items);
  const configsError = useConfigs((state) => state.error);
  const [saving, setSaving] = useState(false);
  useDomain(useConfigs);

  const update = async (patch: AutomationPreferencesPatch, done: string) => {
    setSaving(true);
    const outcome = await savePreferences(patch, 'The change was not saved');
    if (outcome.ok) notify(done, 'Saved.');
    setSaving(false);
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
    <section className="card" aria-label="Automation settings">
      <h2>Automation</h2>
      <p>
        {paused
          ? 'Paused: schedules do not run and no new upload starts. Run now still renders; its posts wait until you resume.'
          : 'Running. Pausing stops the schedules and new uploads (uploads already running finish); Run now still renders. The pause is kept across restarts.'}
      </p>
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
      {configsError && !configs ? (
        <p className="error-text">Configs could not be loaded: {configsError}</p>
      ) : configs === null ? (
        <Loading>Loading configs…</Loading>
      ) : configs.length === 0 ? (
        <p className="muted">No configs yet: create one on the Configs screen.</p>
      ) : (
        <ul className={divided.list} aria-label="Favourite configs">
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

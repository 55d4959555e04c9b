import { useMemo, useState } from 'react';
import type { FfmpegCheck, Settings, Theme } from '../../../shared/domain/settings';
import { Field, optionsOf, SelectField, shownErrors } from '../components/field';
import { notify } from '../stores/notices-store';
import { useSettings } from '../stores/settings-store';
import { timeZones } from './time-zones';

const themeChoices: ReadonlyArray<readonly [Theme, string]> = [
  ['system', 'Follow the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

interface Draft {
  theme: Theme;
  timeZone: string;
  startAtLogin: boolean;
  ffmpegPath: string;
}

function toDraft(settings: Settings): Draft {
  return { ...settings, ffmpegPath: settings.ffmpegPath ?? '' };
}

/** Remounted (by key) when the saved settings change, so the draft always starts from them. */
export function SettingsForm({
  settings,
  canStartAtLogin,
}: {
  settings: Settings;
  canStartAtLogin: boolean;
}) {
  const { save, checkFfmpeg } = useSettings((state) => state.actions);
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [check, setCheck] = useState<FfmpegCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const zones = useMemo(
    () => optionsOf(timeZones(draft.timeZone), (zone) => zone),
    [draft.timeZone],
  );
  const fieldErrors = shownErrors(errors);

  const saved = toDraft(settings);
  const dirty = (Object.keys(saved) as (keyof Draft)[]).some((key) => saved[key] !== draft[key]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    const outcome = await save({
      theme: draft.theme,
      timeZone: draft.timeZone,
      startAtLogin: draft.startAtLogin,
      ffmpegPath: draft.ffmpegPath.trim() === '' ? null : draft.ffmpegPath.trim(),
    });
    if (outcome.ok) notify('Settings saved', 'Your changes are in effect.');
    else setErrors(outcome.fields);
    setSaving(false);
  };

  const runCheck = async () => {
    setChecking(true);
    const result = await checkFfmpeg(draft.ffmpegPath.trim() || null);
    if (result) setCheck(result);
    setChecking(false);
  };

  return (
    <form className="card" onSubmit={submit} aria-label="Settings">
      <h2>General</h2>
      <SelectField
        label="Theme"
        path="theme"
        errors={fieldErrors}
        value={draft.theme}
        options={themeChoices}
        onChange={(theme) => setDraft({ ...draft, theme })}
      />
      <SelectField
        label="Time zone"
        path="timeZone"
        errors={fieldErrors}
        hint="Schedules run in this time zone unless a config says otherwise."
        value={draft.timeZone}
        options={zones}
        onChange={(timeZone) => setDraft({ ...draft, timeZone })}
      />
      <label className="field checkbox">
        <input
          type="checkbox"
          name="startAtLogin"
          checked={draft.startAtLogin}
          disabled={!canStartAtLogin}
          onChange={(event) => setDraft({ ...draft, startAtLogin: event.target.checked })}
        />
        <span>Start ReelPilot when I log in</span>
      </label>
      {!canStartAtLogin && (
        <small className="muted">
          Only the desktop app can start at login. In headless mode, use your system’s service
          manager.
        </small>
      )}

      <h2>ffmpeg</h2>
      <Field label="ffmpeg program" path="ffmpegPath" errors={fieldErrors}>
        {(props) => (
          <input
            {...props}
            name="ffmpegPath"
            value={draft.ffmpegPath}
            placeholder="Automatic (bundled or installed on this computer)"
            spellCheck={false}
            onChange={(event) => setDraft({ ...draft, ffmpegPath: event.target.value })}
          />
        )}
      </Field>
      <div className="row">
        <button type="button" className="secondary" onClick={runCheck} disabled={checking}>
          {checking ? 'Checking…' : 'Check ffmpeg'}
        </button>
        {check && (
          <span role="status" className={check.found ? 'ok-text' : 'error-text'}>
            {check.message}
          </span>
        )}
      </div>

      <div className="form-actions">
        <button type="submit" disabled={!dirty || saving}>
          {saving ? 'Saving…' : 'Save changes'}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!dirty || saving}
          onClick={() => setDraft(saved)}
        >
          Discard
        </button>
      </div>
    </form>
  );
}

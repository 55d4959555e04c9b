import { useMemo, useState } from 'react';
import type { FfmpegCheck, Settings, Theme } from '../../../shared/domain/settings';
import { ApiError, call } from '../api/api-client';
import { reportError, useNotices } from '../stores/notices-store';
import { useSettings } from '../stores/settings-store';

function timeZones(current: string): string[] {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}

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
  const save = useSettings((state) => state.save);
  const push = useNotices((state) => state.push);
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [check, setCheck] = useState<FfmpegCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const zones = useMemo(() => timeZones(draft.timeZone), [draft.timeZone]);

  const saved = toDraft(settings);
  const dirty = (Object.keys(saved) as (keyof Draft)[]).some((key) => saved[key] !== draft[key]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    try {
      await save({
        theme: draft.theme,
        timeZone: draft.timeZone,
        startAtLogin: draft.startAtLogin,
        ffmpegPath: draft.ffmpegPath.trim() === '' ? null : draft.ffmpegPath.trim(),
      });
      push({ level: 'info', title: 'Settings saved', body: 'Your changes are in effect.' });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_INPUT') setErrors(error.fieldErrors());
      reportError('Settings were not saved', error);
    } finally {
      setSaving(false);
    }
  };

  const checkFfmpeg = async () => {
    setChecking(true);
    try {
      setCheck(await call('settings:checkFfmpeg', { path: draft.ffmpegPath.trim() || null }));
    } catch (error) {
      reportError('ffmpeg could not be checked', error);
    } finally {
      setChecking(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="Settings">
      <h2>General</h2>
      <label className="field">
        <span>Theme</span>
        <select
          name="theme"
          value={draft.theme}
          onChange={(event) => setDraft({ ...draft, theme: event.target.value as Theme })}
        >
          <option value="system">Follow the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      <label className="field">
        <span>Time zone</span>
        <select
          name="timeZone"
          value={draft.timeZone}
          aria-invalid={errors.timeZone ? true : undefined}
          onChange={(event) => setDraft({ ...draft, timeZone: event.target.value })}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
        <small className="muted">
          Schedules run in this time zone unless a config says otherwise.
        </small>
        {errors.timeZone && <small className="error-text">{errors.timeZone}</small>}
      </label>
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
      <label className="field">
        <span>ffmpeg program</span>
        <input
          name="ffmpegPath"
          value={draft.ffmpegPath}
          placeholder="Automatic (bundled or installed on this computer)"
          spellCheck={false}
          aria-invalid={errors.ffmpegPath ? true : undefined}
          onChange={(event) => setDraft({ ...draft, ffmpegPath: event.target.value })}
        />
        {errors.ffmpegPath && <small className="error-text">{errors.ffmpegPath}</small>}
      </label>
      <div className="row">
        <button type="button" className="secondary" onClick={checkFfmpeg} disabled={checking}>
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

import { useEffect, useState } from 'react';
import type { AutomationPreferences } from '../../../shared/domain/automation';
import {
  notificationKindLabels,
  notificationKinds,
  type NotificationKind,
} from '../../../shared/domain/notifications';
import { ApiError } from '../api/api-client';
import { reportError, useNotices } from '../stores/notices-store';
import { useAutomation } from './automation-store';

type Draft = Pick<AutomationPreferences, 'notifications' | 'lowDiskGb'>;

/** Which notifications to give, and below how much free space the disk warning comes. */
export function NotificationSettingsCard({ mode }: { mode: 'desktop' | 'headless' }) {
  const preferences = useAutomation((state) => state.preferences);
  const loadPreferences = useAutomation((state) => state.loadPreferences);
  useEffect(() => void loadPreferences(), [loadPreferences]);
  if (!preferences) {
    return (
      <section className="card" aria-label="Notifications">
        <h2>Notifications</h2>
        <p className="muted" role="status">
          Loading…
        </p>
      </section>
    );
  }
  return (
    <NotificationForm key={JSON.stringify(preferences)} preferences={preferences} mode={mode} />
  );
}

function NotificationForm({
  preferences,
  mode,
}: {
  preferences: AutomationPreferences;
  mode: 'desktop' | 'headless';
}) {
  const save = useAutomation((state) => state.savePreferences);
  const push = useNotices((state) => state.push);
  const [draft, setDraft] = useState<Draft>({
    notifications: preferences.notifications,
    lowDiskGb: preferences.lowDiskGb,
  });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty =
    JSON.stringify(draft) !==
    JSON.stringify({ notifications: preferences.notifications, lowDiskGb: preferences.lowDiskGb });

  const toggle = (kind: NotificationKind, on: boolean) =>
    setDraft({ ...draft, notifications: { ...draft.notifications, [kind]: on } });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await save(draft);
      push({ level: 'info', title: 'Notifications saved', body: 'Your choices are in effect.' });
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'BAD_INPUT') setError(failure.message);
      reportError('Notification settings were not saved', failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="Notifications">
      <h2>Notifications</h2>
      <p className="muted small">
        {mode === 'desktop'
          ? 'Shown by the system while ReelPilot’s window is not in front, inside the app while it is. Clicking one opens the item it is about.'
          : 'Shown inside the app. Each is given once per cause: a post retried by itself stays quiet until it has failed for good.'}
      </p>
      {notificationKinds.map((kind) => (
        <label className="field checkbox" key={kind}>
          <input
            type="checkbox"
            name={kind}
            checked={draft.notifications[kind]}
            onChange={(event) => toggle(kind, event.target.checked)}
          />
          <span>{notificationKindLabels[kind]}</span>
        </label>
      ))}
      <label className="field">
        <span>Warn when the disk holding the data has less free space than (GB)</span>
        <input
          type="number"
          name="lowDiskGb"
          min={0.5}
          max={1000}
          step={0.5}
          value={Number.isNaN(draft.lowDiskGb) ? '' : draft.lowDiskGb}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setDraft({ ...draft, lowDiskGb: event.target.valueAsNumber })}
        />
        {error && <small className="error-text">{error}</small>}
      </label>
      <div className="form-actions">
        <button type="submit" disabled={!dirty || saving}>
          {saving ? 'Saving…' : 'Save notifications'}
        </button>
      </div>
    </form>
  );
}

import { useState } from 'react';
import type { AutomationPreferences } from '../../../shared/domain/automation';
import {
  notificationKindLabels,
  notificationKinds,
  type NotificationKind,
} from '../../../shared/domain/notifications';
import { NumberField, shownErrors } from '../components/field';
import { Loading } from '../components/load-state';
import { useAutomation } from '../stores/automation-store';
import { notify } from '../stores/notices-store';

type Draft = Pick<AutomationPreferences, 'notifications' | 'lowDiskGb'>;

/** Which notifications to give, and below how much free space the disk warning comes. */
export function NotificationSettingsCard({ mode }: { mode: 'desktop' | 'headless' }) {
  const preferences = useAutomation((state) => state.preferences);
  if (!preferences) {
    return (
      <section className="card" aria-label="Notifications">
        <h2>Notifications</h2>
        <Loading>Loading…</Loading>
      </section>
    );
  }
  // Remounted when the saved preferences change, so the draft always starts from them.
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
  const { savePreferences } = useAutomation((state) => state.actions);
  const saved: Draft = {
    notifications: preferences.notifications,
    lowDiskGb: preferences.lowDiskGb,
  };
  const [draft, setDraft] = useState<Draft>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);

  const toggle = (kind: NotificationKind, on: boolean) =>
    setDraft({ ...draft, notifications: { ...draft.notifications, [kind]: on } });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    const outcome = await savePreferences(draft, 'Notification settings were not saved');
    if (outcome.ok) notify('Notifications saved', 'Your choices are in effect.');
    else setErrors(outcome.fields);
    setSaving(false);
  };

  return (
    <form className="card" onSubmit={submit} aria-label="Notifications" noValidate>
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
      <NumberField
        label="Warn when the disk holding the data has less free space than (GB)"
        path="lowDiskGb"
        errors={shownErrors(errors)}
        min={0.5}
        max={1000}
        step={0.5}
        value={draft.lowDiskGb}
        onChange={(lowDiskGb) => setDraft({ ...draft, lowDiskGb })}
      />
      <div className="form-actions">
        <button type="submit" disabled={!dirty || saving}>
          {saving ? 'Saving…' : 'Save notifications'}
        </button>
      </div>
    </form>
  );
}

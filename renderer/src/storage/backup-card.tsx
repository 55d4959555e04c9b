import { useState } from 'react';
import type { BackupSettings, BackupStatus } from '../../../shared/domain/backup';
import { cx } from '../components/class-names';
import { Field, NumberField, shownErrors } from '../components/field';
import { Spinner } from '../components/spinner';
import { formatAge, formatDateTime, formatZonedDateTime } from '../format';
import { useBackups } from '../stores/backup-store';
import { notify } from '../stores/notices-store';
import { progressStages } from './labels';
import styles from './storage.module.css';

function describeRetention(settings: BackupSettings): string {
  const parts = [`the newest backup of each of the last ${settings.keepDaily} days that have one`];
  if (settings.keepWeekly > 0) parts.push(`of the last ${settings.keepWeekly} weeks`);
  if (settings.keepMonthly > 0) parts.push(`of the last ${settings.keepMonthly} months`);
  return `Keeps ${parts.join(', ')}, here and on Drive; copies made before an update or a restore are kept 30 days.`;
}

/** When the last and next backups are, "Back up now" with its progress, and the schedule. */
export function BackupCard({ backup }: { backup: BackupStatus }) {
  const progress = useBackups((state) => state.progress);
  const { runNow } = useBackups((state) => state.actions);
  const running = progress !== null && progress.stage !== 'failed';
  return (
    <section className="card" aria-labelledby="backups-title">
      <div className={styles.head}>
        <h2 id="backups-title">Backups</h2>
        <button type="button" disabled={running} onClick={() => void runNow()}>
          {running ? 'Backing up…' : 'Back up now'}
        </button>
      </div>
      <dl className={styles.facts}>
        <div>
          <dt>Last backup</dt>
          <dd data-testid="last-backup">
            {backup.lastBackupAt
              ? `${formatDateTime(backup.lastBackupAt)} (${formatAge(backup.lastBackupAt)})`
              : 'None yet'}
          </dd>
        </div>
        <div>
          <dt>Next backup</dt>
          <dd>
            {backup.nextBackupAt
              ? formatZonedDateTime(backup.nextBackupAt, backup.timeZone)
              : 'Daily backups are off'}
          </dd>
        </div>
        <div>
          <dt>Copies on Google Drive</dt>
          <dd>
            {!backup.settings.uploadToDrive
              ? 'Off'
              : backup.driveConnected
                ? 'Every backup'
                : 'When Drive is connected'}
          </dd>
        </div>
      </dl>
      {progress && (
        <div className={styles.progress} role="status" aria-label="Backup progress">
          <span className={progress.stage === 'failed' ? 'error-text' : undefined}>
            {progress.stage !== 'failed' && <Spinner />} {progressStages[progress.stage]}:{' '}
            {progress.message}
          </span>
          {progress.stage !== 'failed' && (
            <div className={styles.progressBar}>
              <div
                className={styles.progressFill}
                style={{ width: `${Math.round((progress.fraction ?? 0.05) * 100)}%` }}
              />
            </div>
          )}
        </div>
      )}
      <ScheduleForm key={JSON.stringify(backup.settings)} backup={backup} />
      <div className={cx('warning-box', styles.vault)}>
        <p>
          <strong>Keep the key to your secrets with your backups.</strong> {backup.vault.text}
        </p>
      </div>
    </section>
  );
}

/** The daily schedule, how many backups are kept, and whether they go to Drive. */
function ScheduleForm({ backup }: { backup: BackupStatus }) {
  const { updateSettings } = useBackups((state) => state.actions);
  const [draft, setDraft] = useState<BackupSettings>(backup.settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const fieldErrors = shownErrors(errors);
  const dirty = JSON.stringify(draft) !== JSON.stringify(backup.settings);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    const outcome = await updateSettings(draft);
    if (outcome.ok) notify('Backup settings saved', describeRetention(outcome.value.settings));
    else setErrors(outcome.fields);
    setSaving(false);
  };

  return (
    <form onSubmit={submit} aria-label="Backup schedule and retention">
      <h3>Schedule and retention</h3>
      <label className="field checkbox">
        <input
          type="checkbox"
          checked={draft.scheduleEnabled}
          onChange={(event) => setDraft({ ...draft, scheduleEnabled: event.target.checked })}
        />
        <span>Back up every day</span>
      </label>
      <div className={styles.scheduleGrid}>
        <Field
          label="At"
          path="time"
          errors={fieldErrors}
          hint={`In ${backup.timeZone} (Settings → Time zone)`}
        >
          {(props) => (
            <input
              {...props}
              type="time"
              value={draft.time}
              disabled={!draft.scheduleEnabled}
              onChange={(event) => setDraft({ ...draft, time: event.target.value })}
            />
          )}
        </Field>
        <NumberField
          label="Daily backups kept"
          path="keepDaily"
          errors={fieldErrors}
          min={1}
          max={90}
          value={draft.keepDaily}
          onChange={(keepDaily) => setDraft({ ...draft, keepDaily })}
        />
        <NumberField
          label="Weekly backups kept"
          path="keepWeekly"
          errors={fieldErrors}
          min={0}
          max={104}
          value={draft.keepWeekly}
          onChange={(keepWeekly) => setDraft({ ...draft, keepWeekly })}
        />
        <NumberField
          label="Monthly backups kept"
          path="keepMonthly"
          errors={fieldErrors}
          min={0}
          max={240}
          value={draft.keepMonthly}
          onChange={(keepMonthly) => setDraft({ ...draft, keepMonthly })}
        />
      </div>
      <label className="field checkbox">
        <input
          type="checkbox"
          checked={draft.uploadToDrive}
          onChange={(event) => setDraft({ ...draft, uploadToDrive: event.target.checked })}
        />
        <span>Copy every backup to Google Drive (ReelPilot/Backups)</span>
      </label>
      <p className="muted small">{describeRetention(draft)}</p>
      <div className="form-actions">
        <button type="submit" disabled={!dirty || saving}>
          {saving ? 'Saving…' : 'Save backup settings'}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!dirty || saving}
          onClick={() => {
            setDraft(backup.settings);
            setErrors({});
          }}
        >
          Discard backup changes
        </button>
      </div>
    </form>
  );
}

import { useState } from 'react';
import type { Account, AccountLimits } from '../../../shared/domain/accounts';
import { useAccounts } from '../stores/accounts-store';
import { notify } from '../stores/notices-store';
import styles from './limits-grid.module.css';

const fields: Array<{ key: keyof AccountLimits; label: string; hint: string }> = [
  { key: 'postsPerHour', label: 'Posts per hour', hint: 'Counted per hour of your clock.' },
  { key: 'postsPerDay', label: 'Posts per day', hint: 'Resets at midnight in your time zone.' },
  { key: 'minGapMinutes', label: 'Minimum gap (minutes)', hint: 'Time between two posts.' },
];

function toText(value: number | null): string {
  return value === null ? '' : String(value);
}

/** The person's own pacing for one account; empty means no limit of that kind. */
export function LimitsForm({ account, onDone }: { account: Account; onDone(): void }) {
  const { updateLimits } = useAccounts((state) => state.actions);
  const [draft, setDraft] = useState({
    postsPerHour: toText(account.limits.postsPerHour),
    postsPerDay: toText(account.limits.postsPerDay),
    minGapMinutes: toText(account.limits.minGapMinutes),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    const parse = (text: string) => (text.trim() === '' ? null : Number(text));
    const outcome = await updateLimits(account, {
      postsPerHour: parse(draft.postsPerHour),
      postsPerDay: parse(draft.postsPerDay),
      minGapMinutes: parse(draft.minGapMinutes),
    });
    setSaving(false);
    if (!outcome.ok) return setErrors(outcome.fields);
    notify('Limits saved', `${account.handle} follows the new limits.`);
    onDone();
  };

  return (
    <form
      className={styles.limitsForm}
      noValidate
      onSubmit={submit}
      aria-label={`Limits of ${account.handle}`}
    >
      <div className={styles.grid}>
        {fields.map((field) => {
          const error = errors[`limits.${field.key}`];
          return (
            <label key={field.key} className="field">
              <span>{field.label}</span>
              <input
                type="number"
                min={1}
                inputMode="numeric"
                placeholder="No limit"
                value={draft[field.key]}
                aria-invalid={error ? true : undefined}
                onChange={(event) => setDraft({ ...draft, [field.key]: event.target.value })}
              />
              <small className={error ? 'error-text' : 'muted'}>{error ?? field.hint}</small>
            </label>
          );
        })}
      </div>
      <p className="muted small">
        The platform’s own caps apply on top of these (see “Platform caps”).
      </p>
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save limits'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

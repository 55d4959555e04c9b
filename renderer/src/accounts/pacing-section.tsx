import { useState } from 'react';
import type { PacingConfig } from '../../../shared/domain/accounts';
import { useAccounts } from '../stores/accounts-store';
import { notify } from '../stores/notices-store';
import styles from './limits-grid.module.css';

type NumberKey = Exclude<keyof PacingConfig, 'tiktokUnauditedClient' | 'xMonthlyBudgetUsd'>;

const numberFields: Array<{ key: NumberKey; label: string; hint: string }> = [
  {
    key: 'autoDisableAfterErrors',
    label: 'Deactivate after errors in a row',
    hint: 'Rate limits do not count.',
  },
  {
    key: 'instagramPostsPer24h',
    label: 'Instagram posts per 24 h',
    hint: 'Meta says 50 (older pages: 25).',
  },
  { key: 'facebookReelsPer24h', label: 'Facebook Reels per 24 h', hint: 'Per Page.' },
  { key: 'tiktokInitsPerMinute', label: 'TikTok post starts per minute', hint: 'Per account.' },
  {
    key: 'tiktokUnauditedUsersPer24h',
    label: 'TikTok accounts per 24 h (unaudited)',
    hint: 'Distinct accounts posting.',
  },
  {
    key: 'youtubeDailyQuotaUnits',
    label: 'YouTube daily quota (units)',
    hint: '10,000, or 100 in the uploads bucket.',
  },
  {
    key: 'youtubeUploadCostUnits',
    label: 'YouTube units per upload',
    hint: '1,600, or 1 in the uploads bucket.',
  },
  { key: 'xCostPerPostUsd', label: 'X cost per post (USD)', hint: 'Your pay-per-use price.' },
];

/** The platforms' caps, where their own pages disagree: the person decides. */
export function PacingSection() {
  const pacing = useAccounts((state) => state.pacing);
  const { updatePacing } = useAccounts((state) => state.actions);
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [unaudited, setUnaudited] = useState<boolean | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  if (!pacing) return null;

  const value = (key: string, fallback: number | null) =>
    draft?.[key] ?? (fallback === null ? '' : String(fallback));

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    const patch: Record<string, number | boolean | null> = {};
    const missing: Record<string, string> = {};
    for (const [key, text] of Object.entries(draft ?? {})) {
      if (text.trim() !== '') patch[key] = Number(text);
      else if (key === 'xMonthlyBudgetUsd') patch[key] = null;
      else missing[key] = 'Enter a number.';
    }
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      setSaving(false);
      return;
    }
    if (unaudited !== null) patch.tiktokUnauditedClient = unaudited;
    const outcome = await updatePacing(patch);
    setSaving(false);
    if (!outcome.ok) return setErrors(outcome.fields);
    setDraft(null);
    setUnaudited(null);
    notify('Platform caps saved', 'Next post times were updated.');
  };

  return (
    <details className="card">
      <summary>
        <h2>Platform caps</h2>
        <span className="muted small">Applied to every account on top of its own limits</span>
      </summary>
      <form noValidate onSubmit={save} aria-label="Platform caps">
        <div className={styles.grid}>
          {numberFields.map((field) => (
            <label key={field.key} className="field">
              <span>{field.label}</span>
              <input
                type="number"
                step={field.key === 'xCostPerPostUsd' ? '0.001' : '1'}
                value={value(field.key, pacing[field.key])}
                aria-invalid={errors[field.key] ? true : undefined}
                onChange={(event) => setDraft({ ...draft, [field.key]: event.target.value })}
              />
              <small className={errors[field.key] ? 'error-text' : 'muted'}>
                {errors[field.key] ?? field.hint}
              </small>
            </label>
          ))}
          <label className="field">
            <span>X monthly budget (USD)</span>
            <input
              type="number"
              step="0.01"
              placeholder="No budget"
              value={value('xMonthlyBudgetUsd', pacing.xMonthlyBudgetUsd)}
              aria-invalid={errors.xMonthlyBudgetUsd ? true : undefined}
              onChange={(event) => setDraft({ ...draft, xMonthlyBudgetUsd: event.target.value })}
            />
            <small className={errors.xMonthlyBudgetUsd ? 'error-text' : 'muted'}>
              {errors.xMonthlyBudgetUsd ?? 'Posting stops for the month once spent.'}
            </small>
          </label>
        </div>
        <label className="field checkbox">
          <input
            type="checkbox"
            checked={unaudited ?? pacing.tiktokUnauditedClient}
            onChange={(event) => setUnaudited(event.target.checked)}
          />
          <span>My TikTok app is not audited yet (private posts, few accounts)</span>
        </label>
        <div className="form-actions">
          <button type="submit" disabled={saving || (draft === null && unaudited === null)}>
            {saving ? 'Saving…' : 'Save caps'}
          </button>
        </div>
      </form>
    </details>
  );
}

import { useId, useState, type FormEvent } from 'react';
import {
  periodPresets,
  periodSchema,
  type Period,
  type PeriodPreset,
} from '../../../shared/domain/statistics';
import { cx } from '../components/class-names';
import { presetLabels } from './labels';
import styles from './overview.module.css';
import { SegmentedChoice } from './segmented-choice';

function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The period the Overview shows: the last 24 hours, 7, 30 or 90 days, or a custom range of days
 * (both ends included) checked with the engine's own rules before it is asked.
 */
export function PeriodPicker({
  value,
  today,
  onChange,
}: {
  value: Period;
  /** Today in the Settings time zone, YYYY-MM-DD: the latest day a range may end on. */
  today: string;
  onChange(period: Period): void;
}) {
  const [editing, setEditing] = useState(false);
  const [from, setFrom] = useState(value.kind === 'custom' ? value.from : shiftDate(today, -29));
  const [to, setTo] = useState(value.kind === 'custom' ? value.to : today);
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const id = useId();
  const custom = value.kind === 'custom';

  const choose = (preset: PeriodPreset) => {
    setEditing(false);
    setErrors({});
    onChange({ kind: 'preset', preset });
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<'from' | 'to', string | undefined> = {
      from: from ? undefined : 'Choose the first day.',
      to: to
        ? to > today
          ? 'The range cannot end after today.'
          : undefined
        : 'Choose the last day.',
    };
    const parsed = periodSchema.safeParse({ kind: 'custom', from, to });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === 'to' ? 'to' : 'from';
        next[field] ??= issue.message;
      }
    }
    if (next.from || next.to) {
      setErrors({ ...(next.from ? { from: next.from } : {}), ...(next.to ? { to: next.to } : {}) });
      return;
    }
    setErrors({});
    setEditing(false);
    onChange({ kind: 'custom', from, to });
  };

  return (
    <div className={styles.periodPicker}>
      <SegmentedChoice
        label="Period"
        options={periodPresets.map((preset) => [preset, presetLabels[preset]] as const)}
        value={value.kind === 'preset' ? value.preset : null}
        onChange={choose}
      >
        <button
          type="button"
          className={cx('secondary small', styles.segment)}
          aria-pressed={custom}
          aria-expanded={editing}
          aria-controls={`${id}-range`}
          onClick={() => setEditing((open) => !open)}
        >
          {custom ? `${value.from} – ${value.to}` : 'Custom…'}
        </button>
      </SegmentedChoice>
      {editing && (
        <form
          id={`${id}-range`}
          className={styles.customRange}
          onSubmit={apply}
          aria-label="Custom range"
          noValidate
        >
          <label>
            From
            <input
              type="date"
              value={from}
              max={today}
              aria-invalid={errors.from ? true : undefined}
              aria-describedby={errors.from ? `${id}-from-error` : undefined}
              onChange={(event) => setFrom(event.target.value)}
            />
          </label>
          <label>
            To
            <input
              type="date"
              value={to}
              max={today}
              aria-invalid={errors.to ? true : undefined}
              aria-describedby={errors.to ? `${id}-to-error` : undefined}
              onChange={(event) => setTo(event.target.value)}
            />
          </label>
          <button type="submit" className="small">
            Apply
          </button>
          <button type="button" className="ghost small" onClick={() => setEditing(false)}>
            Cancel
          </button>
          {errors.from && (
            <small className="error-text" id={`${id}-from-error`} role="alert">
              {errors.from}
            </small>
          )}
          {errors.to && (
            <small className="error-text" id={`${id}-to-error`} role="alert">
              {errors.to}
            </small>
          )}
        </form>
      )}
    </div>
  );
}

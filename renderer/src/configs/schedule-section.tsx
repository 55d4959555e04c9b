import { useEffect, useState } from 'react';
import {
  scheduleSchema,
  type ConfigDraft,
  type ScheduleRule,
} from '../../../shared/domain/configs';
import { Field, NumberField, optionsOf, SelectField, type FieldErrors } from '../components/field';
import { formatZonedDateTime } from '../format';
import { timeZones } from '../settings/time-zones';
import { useConfigs } from '../stores/configs-store';
import { messageOf } from '../stores/domain-store';
import { splitList } from './draft';
import { zoneName } from './labels';
import { cx } from '../components/class-names';
import styles from './editor.module.css';

export interface SectionProps {
  draft: ConfigDraft;
  change(path: Array<string | number>, value: unknown): void;
  errors: FieldErrors;
}

const ruleDefaults: Record<ScheduleRule['kind'], ScheduleRule> = {
  hourly: { kind: 'hourly', minute: 0 },
  daily: { kind: 'daily', times: ['09:00'] },
  interval: { kind: 'interval', everyMinutes: 60 },
  cron: { kind: 'cron', expression: '0 9 * * 1-5' },
};

const repeats: ReadonlyArray<readonly [ScheduleRule['kind'], string]> = [
  ['daily', 'Daily at set times'],
  ['hourly', 'Every hour'],
  ['interval', 'Every N minutes'],
  ['cron', 'Cron expression'],
];

export function ScheduleSection({ draft, change, errors }: SectionProps) {
  const { previewSchedule } = useConfigs((state) => state.actions);
  const schedule = draft.schedule;
  const rule = schedule.rule;
  const [timesText, setTimesText] = useState(rule.kind === 'daily' ? rule.times.join(', ') : '');
  const [preview, setPreview] = useState<{ at: number[]; error: string | null } | null>(null);

  useEffect(() => {
    const parsed = scheduleSchema.safeParse(schedule);
    if (!parsed.success) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      previewSchedule({ schedule: parsed.data, count: 3 }).then(
        (result) => !cancelled && setPreview({ at: result.occurrences, error: null }),
        (error: unknown) => !cancelled && setPreview({ at: [], error: messageOf(error) }),
      );
    }, 250);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [schedule, previewSchedule]);

  const scheduleValid = scheduleSchema.safeParse(schedule).success;

  return (
    <fieldset className={cx('card', styles.section)}>
      <legend>Schedule</legend>
      <div className={styles.grid2}>
        <SelectField
          label="Repeat"
          path="schedule.rule.kind"
          errors={errors}
          value={rule.kind}
          options={repeats}
          onChange={(kind) => {
            const next = ruleDefaults[kind];
            if (next.kind === 'daily') setTimesText(next.times.join(', '));
            change(['schedule', 'rule'], next);
          }}
        />
        {rule.kind === 'hourly' && (
          <NumberField
            label="Minute past the hour"
            path="schedule.rule.minute"
            errors={errors}
            min={0}
            max={59}
            value={rule.minute}
            onChange={(value) => change(['schedule', 'rule', 'minute'], value)}
          />
        )}
        {rule.kind === 'daily' && (
          <Field
            label="Times of day"
            path="schedule.rule.times"
            errors={{ of: (p) => errors.of(p) ?? errors.of(`${p}.0`), touch: errors.touch }}
            hint="24-hour clock, separated by commas: 09:00, 18:30"
          >
            {(props) => (
              <input
                {...props}
                value={timesText}
                onChange={(event) => {
                  setTimesText(event.target.value);
                  change(['schedule', 'rule', 'times'], splitList(event.target.value, /[,\s]+/));
                }}
              />
            )}
          </Field>
        )}
        {rule.kind === 'interval' && (
          <NumberField
            label="Minutes between runs"
            path="schedule.rule.everyMinutes"
            errors={errors}
            min={5}
            value={rule.everyMinutes}
            onChange={(value) => change(['schedule', 'rule', 'everyMinutes'], value)}
          />
        )}
        {rule.kind === 'cron' && (
          <Field
            label="Cron expression"
            path="schedule.rule.expression"
            errors={errors}
            hint="minute hour day month weekday, e.g. 30 9 * * 1-5"
          >
            {(props) => (
              <input
                {...props}
                spellCheck={false}
                value={rule.expression}
                onChange={(event) => change(['schedule', 'rule', 'expression'], event.target.value)}
              />
            )}
          </Field>
        )}
        <SelectField
          label="Time zone"
          path="schedule.timeZone"
          errors={errors}
          value={schedule.timeZone}
          options={optionsOf(timeZones(schedule.timeZone), (zone) => zone)}
          onChange={(value) => change(['schedule', 'timeZone'], value)}
        />
        <Field label="Start date" path="schedule.startDate" errors={errors}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={schedule.startDate ?? ''}
              onChange={(event) => change(['schedule', 'startDate'], event.target.value || null)}
            />
          )}
        </Field>
        <Field label="End date" path="schedule.endDate" errors={errors}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={schedule.endDate ?? ''}
              onChange={(event) => change(['schedule', 'endDate'], event.target.value || null)}
            />
          )}
        </Field>
      </div>
      <div className={styles.schedulePreview} aria-live="polite" data-testid="schedule-preview">
        {!scheduleValid ? (
          <span className="muted">Fix the schedule to see its next runs.</span>
        ) : preview?.error ? (
          <span className="error-text">{preview.error}</span>
        ) : preview && preview.at.length === 0 ? (
          <span className="muted">This schedule has no future runs.</span>
        ) : preview ? (
          <span>
            Next runs ({zoneName(schedule.timeZone)}):{' '}
            {preview.at.map((time) => formatZonedDateTime(time, schedule.timeZone)).join(' · ')}
          </span>
        ) : (
          <span className="muted">Working out the next runs…</span>
        )}
      </div>
    </fieldset>
  );
}

/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), parsed into the sets
 * of values each field allows. Pure, so that the editor validates as the person types and the
 * scheduler computes occurrences from the same rules.
 */
export interface CronSpec {
  minutes: number[];
  hours: number[];
  daysOfMonth: number[];
  months: number[];
  /** 0 = Sunday … 6 = Saturday (7 is folded into 0). */
  daysOfWeek: number[];
  /** The hour field is `*`: the rule means "every hour", which matters on daylight-saving days. */
  everyHour: boolean;
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

export type CronParse = { ok: true; spec: CronSpec } | { ok: false; message: string };

interface FieldRule {
  label: string;
  min: number;
  max: number;
  names?: readonly string[];
  namesFrom?: number;
}

const monthNames = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
] as const;
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const fields: readonly FieldRule[] = [
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day of month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: monthNames, namesFrom: 1 },
  { label: 'day of week', min: 0, max: 7, names: dayNames, namesFrom: 0 },
];

const macros: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

class CronError extends Error {}

function parseValue(text: string, rule: FieldRule): number {
  const upper = text.toUpperCase();
  const named = rule.names?.indexOf(upper as never) ?? -1;
  if (named >= 0) return named + (rule.namesFrom ?? 0);
  if (!/^\d+$/.test(text)) {
    throw new CronError(`"${text}" is not a valid ${rule.label}.`);
  }
  const value = Number(text);
  if (value < rule.min || value > rule.max) {
    throw new CronError(
      `The ${rule.label} ${value} is out of range: use ${rule.min} to ${rule.max}.`,
    );
  }
  return value;
}

function parseField(text: string, rule: FieldRule): { values: number[]; any: boolean } {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    if (part === '') throw new CronError(`The ${rule.label} field has an empty list item.`);
    const [range = '', stepText, extra] = part.split('/');
    if (extra !== undefined) throw new CronError(`"${part}" has more than one "/".`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) {
        throw new CronError(`The step in "${part}" must be a whole number of at least 1.`);
      }
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === '*') {
      from = rule.min;
      to = rule.max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      from = parseValue(a, rule);
      to = parseValue(b, rule);
      if (from > to) {
        throw new CronError(`The range "${range}" in the ${rule.label} field runs backwards.`);
      }
    } else {
      from = parseValue(range, rule);
      to = stepText === undefined ? from : rule.max;
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return { values: [...values].sort((a, b) => a - b), any: text === '*' };
}

export function parseCron(expression: string): CronParse {
  const trimmed = expression.trim();
  const source = macros[trimmed.toLowerCase()] ?? trimmed;
  const parts = source.split(/\s+/).filter((part) => part !== '');
  if (parts.length !== 5) {
    return {
      ok: false,
      message: `A cron expression has 5 fields (minute hour day month weekday), this one has ${parts.length}. Example: "30 9 * * 1-5" runs at 09:30 on weekdays.`,
    };
  }
  try {
    const parsed = parts.map((part, index) => parseField(part, fields[index] as FieldRule));
    const [minute, hour, dom, month, dow] = parsed as [
      (typeof parsed)[0],
      (typeof parsed)[0],
      (typeof parsed)[0],
      (typeof parsed)[0],
      (typeof parsed)[0],
    ];
    const daysOfWeek = [...new Set(dow.values.map((day) => day % 7))].sort((a, b) => a - b);
    return {
      ok: true,
      spec: {
        minutes: minute.values,
        hours: hour.values,
        daysOfMonth: dom.values,
        months: month.values,
        daysOfWeek,
        everyHour: hour.values.length === 24,
        dayOfMonthRestricted: !dom.any,
        dayOfWeekRestricted: !dow.any,
      },
    };
  } catch (error) {
    if (error instanceof CronError) return { ok: false, message: error.message };
    throw error;
  }
}

/** Whether a calendar day matches; as in Vixie cron, two restricted day fields mean "either". */
export function cronMatchesDay(
  spec: CronSpec,
  month: number,
  dayOfMonth: number,
  dayOfWeek: number,
): boolean {
  if (!spec.months.includes(month)) return false;
  const domOk = spec.daysOfMonth.includes(dayOfMonth);
  const dowOk = spec.daysOfWeek.includes(dayOfWeek);
  if (spec.dayOfMonthRestricted && spec.dayOfWeekRestricted) return domOk || dowOk;
  return domOk && dowOk;
}

import type { Schedule } from '../../../shared/domain/configs';
import { parseCron } from '../../../shared/domain/cron';

type WallSchedule = Exclude<Schedule['rule'], { kind: 'interval' }>;

/**
 * A schedule on the wall clock (hourly, daily, cron) reduced to numbers: the minutes of the day
 * it runs at on a matching day, and which days match as bit masks, so that a day is checked with
 * a few bit operations and a stretch of months is counted from a table.
 */
export interface WallRule {
  /** Minutes of the day (hour × 60 + minute), sorted, distinct. The same on every matching day. */
  readonly minutes: readonly number[];
  /** "Every hour" rules run in each real hour: twice at 01:30 when clocks go back, never in a gap. */
  readonly everyHour: boolean;
  matches(month: number, day: number, weekday: number): boolean;
  /**
   * For a month of this length whose 1st falls on `firstWeekday`: element d is how many of its
   * days 1..d match (element 0 is 0). Cached: there are at most 12 × 4 × 7 kinds of month.
   */
  matchingDaysByDate(month: number, length: number, firstWeekday: number): readonly number[];
}

function bits(values: readonly number[]): number {
  let mask = 0;
  for (const value of values) mask |= 1 << value;
  return mask;
}

const ALL_DAYS = bits(Array.from({ length: 31 }, (_, index) => index + 1));

function makeRule(
  minutes: number[],
  everyHour: boolean,
  days: { months: number; daysOfMonth: number; weekdays: number; either: boolean },
): WallRule {
  const monthCounts = new Map<number, number[]>();
  const matches = (month: number, day: number, weekday: number): boolean => {
    if ((days.months & (1 << month)) === 0) return false;
    const byDate = (days.daysOfMonth & (1 << day)) !== 0;
    const byWeekday = (days.weekdays & (1 << weekday)) !== 0;
    return days.either ? byDate || byWeekday : byDate && byWeekday;
  };
  return {
    minutes,
    everyHour,
    matches,
    matchingDaysByDate(month, length, firstWeekday) {
      const key = month * 1000 + length * 10 + firstWeekday;
      let counts = monthCounts.get(key);
      if (counts === undefined) {
        counts = [0];
        for (let day = 1; day <= length; day += 1) {
          const matched = matches(month, day, (firstWeekday + day - 1) % 7) ? 1 : 0;
          counts.push((counts[day - 1] as number) + matched);
        }
        monthCounts.set(key, counts);
      }
      return counts;
    },
  };
}

const everyDay = { months: bits([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), daysOfMonth: ALL_DAYS };

function buildWallRule(rule: WallSchedule): WallRule {
  switch (rule.kind) {
    case 'hourly':
      return makeRule(
        Array.from({ length: 24 }, (_, hour) => hour * 60 + rule.minute),
        true,
        { ...everyDay, weekdays: 0x7f, either: false },
      );
    case 'daily': {
      const minutes = rule.times.map((time) => {
        const [hour = 0, minute = 0] = time.split(':').map(Number);
        return hour * 60 + minute;
      });
      return makeRule(
        [...new Set(minutes)].sort((a, b) => a - b),
        false,
        { ...everyDay, weekdays: 0x7f, either: false },
      );
    }
    case 'cron': {
      const parsed = parseCron(rule.expression);
      if (!parsed.ok) throw new Error(parsed.message);
      const spec = parsed.spec;
      const minutes: number[] = [];
      for (const hour of spec.hours)
        for (const minute of spec.minutes) minutes.push(hour * 60 + minute);
      // As in Vixie cron, two restricted day fields mean "either".
      return makeRule(minutes, spec.everyHour, {
        months: bits(spec.months),
        daysOfMonth: bits(spec.daysOfMonth),
        weekdays: bits(spec.daysOfWeek),
        either: spec.dayOfMonthRestricted && spec.dayOfWeekRestricted,
      });
    }
  }
}

/** Rules kept at most: configs share few distinct rules, and each is small. */
const MAX_RULES = 1000;
const rules = new Map<string, WallRule>();

/** The wall rule of a schedule, parsed once per distinct rule. */
export function wallRuleOf(rule: WallSchedule): WallRule {
  const key = rule.kind === 'cron' ? `cron:${rule.expression.trim()}` : JSON.stringify(rule);
  let found = rules.get(key);
  if (!found) {
    if (rules.size >= MAX_RULES) rules.clear();
    found = buildWallRule(rule);
    rules.set(key, found);
  }
  return found;
}

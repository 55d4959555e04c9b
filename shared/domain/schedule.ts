import { z } from 'zod';
import { parseCron } from './cron';
import { timeZoneSchema } from './settings';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  if (!datePattern.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const calendarDateSchema = z
  .string()
  .refine(isCalendarDate, { message: 'Enter a date as YYYY-MM-DD, for example 2026-03-01.' });

export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM on the 24-hour clock, such as 09:30.');

export const scheduleRuleSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('hourly'),
      minute: z
        .number({ error: 'Enter the minute past the hour (0 to 59).' })
        .int('Enter a whole minute.')
        .min(0, 'The minute must be between 0 and 59.')
        .max(59, 'The minute must be between 0 and 59.'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('daily'),
      times: z
        .array(timeOfDaySchema)
        .min(1, 'Add at least one time of day.')
        .max(48, 'At most 48 times a day.')
        .refine((times) => new Set(times).size === times.length, {
          message: 'Each time of day may appear only once.',
        }),
    })
    .strict(),
  z
    .object({
      kind: z.literal('interval'),
      everyMinutes: z
        .number({ error: 'Enter how many minutes between runs.' })
        .int('Enter a whole number of minutes.')
        .min(5, 'Runs must be at least 5 minutes apart.')
        .max(10080, 'Runs can be at most one week (10080 minutes) apart.'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('cron'),
      expression: z
        .string()
        .trim()
        .min(1, 'Enter a cron expression such as "30 9 * * 1-5".')
        .max(200, 'That cron expression is too long.')
        .superRefine((value, ctx) => {
          const parsed = parseCron(value);
          if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
        }),
    })
    .strict(),
]);
export type ScheduleRule = z.infer<typeof scheduleRuleSchema>;
export const scheduleKinds = ['hourly', 'daily', 'interval', 'cron'] as const;

export const scheduleSchema = z
  .object({
    rule: scheduleRuleSchema,
    timeZone: timeZoneSchema,
    /** First day (in the schedule's time zone) on which runs may happen; null: from now on. */
    startDate: calendarDateSchema.nullable(),
    /** Last day (inclusive) on which runs may happen; null: no end. */
    endDate: calendarDateSchema.nullable(),
  })
  .strict()
  .superRefine((schedule, ctx) => {
    if (schedule.startDate && schedule.endDate && schedule.endDate < schedule.startDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: 'The end date is before the start date. Pick a later end date or clear it.',
      });
    }
  });
export type Schedule = z.infer<typeof scheduleSchema>;

import type { Config, RunState, Schedule } from '../../../shared/domain/configs';

export function formatWhen(time: number, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(time));
}

export function formatLocal(time: number): string {
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(time));
}

export function describeSchedule(schedule: Schedule): string {
  const rule = schedule.rule;
  switch (rule.kind) {
    case 'hourly':
      return `Every hour at :${String(rule.minute).padStart(2, '0')}`;
    case 'daily':
      return `Daily at ${rule.times.join(', ')}`;
    case 'interval':
      return rule.everyMinutes % 60 === 0
        ? `Every ${rule.everyMinutes / 60} h`
        : `Every ${rule.everyMinutes} min`;
    case 'cron':
      return `Cron ${rule.expression}`;
  }
}

export const runStateLabels: Record<RunState, string> = {
  pending: 'Starting',
  running: 'Running',
  succeeded: 'Succeeded',
  partial: 'Partly failed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function nextRunText(config: Config): string {
  if (!config.active) return 'Paused';
  if (config.nextRunAt === null) return 'No more runs (the schedule has ended)';
  return formatWhen(config.nextRunAt, config.schedule.timeZone);
}

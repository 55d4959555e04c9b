import type { Config, PrivacyLevel, RunState, Schedule } from '../../../shared/domain/configs';
import type { StateLook } from '../components/badge';
import { formatZonedDateTime } from '../format';

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

export const runStates: Record<RunState, StateLook> = {
  pending: { label: 'Starting', tone: 'accent' },
  running: { label: 'Running', tone: 'accent' },
  succeeded: { label: 'Succeeded', tone: 'ok' },
  partial: { label: 'Partly failed', tone: 'danger' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

export function nextRunText(config: Config): string {
  if (!config.active) return 'Paused';
  if (config.nextRunAt === null) return 'No more runs (the schedule has ended)';
  return formatZonedDateTime(config.nextRunAt, config.schedule.timeZone);
}

/** Who can see a post, in the words the editors offer. */
export const privacyLabels: Record<PrivacyLevel, string> = {
  public: 'Public',
  unlisted: 'Unlisted',
  friends: 'Friends',
  followers: 'Followers',
  private: 'Private (only me)',
};

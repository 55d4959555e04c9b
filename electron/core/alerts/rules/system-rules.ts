import { statisticsItems } from '../../../../shared/domain/alerts';
import { causeKeys } from '../../../../shared/domain/notifications';
import type { DiskReading } from '../../automation/automation-module';
import { JOB_OVERDUE_MS, SCHEDULER_STALL_MS, type HealthService } from '../../health/health-module';
import type { JobHolds } from '../../jobs/jobs-module';
import type { AlertRule } from '../alert-rule';
import type { RuleQueries } from '../rule-queries';
import { accountName, gigabytes, plural } from './words';

const systemHealth = { screen: 'statistics' as const, itemId: statisticsItems.systemHealth };

/** Free space must climb this far above the threshold before the low-disk alert resolves. */
export const LOW_DISK_HYSTERESIS = 1.25;

/**
 * Little free space on the disk holding the data folder (below the threshold of Settings →
 * Notifications). Resolved once the free space is well above it again, so a disk hovering at the
 * threshold does not open an alert a minute.
 */
export function diskLowRule(disk: { lastDiskReading(): DiskReading | null }): AlertRule {
  return {
    name: 'disk-low',
    keys: [causeKeys.diskLow],
    async evaluate({ open }) {
      const reading = disk.lastDiskReading();
      if (!reading || reading.freeBytes === null) return null;
      const limit = open(causeKeys.diskLow)
        ? reading.lowBytes * LOW_DISK_HYSTERESIS
        : reading.lowBytes;
      if (reading.freeBytes >= limit) return [];
      return [
        {
          key: causeKeys.diskLow,
          kind: 'lowDisk',
          severity: 'warning',
          title: 'Disk nearly full',
          body: `Only ${gigabytes(reading.freeBytes)} is free on the disk holding ReelPilot’s data (${reading.dataDir}). Renders and uploads may fail.`,
          action: 'Free some space, or move the data folder in Settings.',
          target: { screen: 'settings' },
          count: 1,
        },
      ];
    },
  };
}

/** The run scheduler has not looked for due runs for 5 minutes while running. */
export function schedulerStalledRule(health: Pick<HealthService, 'scheduler'>): AlertRule {
  return {
    name: 'scheduler-stalled',
    keys: [causeKeys.schedulerStalled],
    async evaluate() {
      if (!health.scheduler().stalled) return [];
      return [
        {
          key: causeKeys.schedulerStalled,
          kind: 'stuck',
          severity: 'error',
          title: 'The scheduler has stopped',
          body: `It has not looked for due runs for more than ${SCHEDULER_STALL_MS / 60_000} minutes, so scheduled runs may not start.`,
          action:
            'Restart ReelPilot. If it happens again, the log in the data folder says what it was doing.',
          target: systemHealth,
          count: 1,
        },
      ];
    },
  };
}

const jobNames: Record<string, string> = {
  render: 'Renders',
  upload: 'Uploads',
  metrics: 'Metric readings',
};

/**
 * Jobs of a kind waiting far past their time (15 minutes) while none of that kind runs, or
 * running jobs whose worker is gone: the queue is not working on them. Work held by Pause all
 * or the machine's sleep is not overdue.
 */
export function jobOverdueRule(health: Pick<HealthService, 'queue'>): AlertRule {
  return {
    name: 'job-overdue',
    keys: [causeKeys.jobOverdue('')],
    // A job that ended or went back to the queue; not the progress of a running one.
    follows: (event, payload) =>
      event === 'jobs:progress' && (payload as { state?: string }).state !== 'running',
    async evaluate() {
      return (await health.queue())
        .filter((kind) => kind.overdue)
        .map((kind) => {
          const name = jobNames[kind.kind] ?? `“${kind.kind}” jobs`;
          return {
            key: causeKeys.jobOverdue(kind.kind),
            kind: 'stuck',
            severity: 'warning' as const,
            title: `${name} are stuck in the queue`,
            body:
              kind.waiting > 0
                ? `${plural(kind.waiting, 'job')} waited more than ${JOB_OVERDUE_MS / 60_000} minutes past its time while none of them runs.`
                : `A running job stopped reporting ${JOB_OVERDUE_MS / 60_000} minutes ago and was not taken over.`,
            action:
              'See Statistics → Health for the queue. Restarting ReelPilot hands them to a fresh worker.',
            target: systemHealth,
            count: Math.max(1, kind.waiting),
          };
        });
    },
  };
}

const HOUR = 3_600_000;
/** A post under way with no change for this long (and not waiting for a later time) is stuck. */
export const POST_IDLE_MS = HOUR;
/**
 * A post still under way this long after it was allowed to start is past its deadline: longer
 * than the longest processing any platform is given (a day).
 */
export const POST_DEADLINE_MS = 26 * HOUR;

/**
 * A post that stopped moving: under way (any state but published or failed) with no change for
 * an hour while not waiting for pacing or a retry, or still not done a day after it could start.
 * Not raised while uploads are held (Pause all, sleep): holding them is the point.
 */
export function postStuckRule(
  queries: RuleQueries,
  holds: Pick<JobHolds, 'claimFloor'>,
  uploadKind: string,
): AlertRule {
  return {
    name: 'post-stuck',
    keys: [causeKeys.postStuck('')],
    follows: (event, payload) =>
      event === 'distribution:targetUpdated' &&
      (payload as { state?: string }).state !== 'processing',
    async evaluate({ now, open }) {
      const stuck = await queries.stuckTargets(now, now - POST_IDLE_MS, now - POST_DEADLINE_MS);
      const held = holds.claimFloor(uploadKind) === Number.POSITIVE_INFINITY;
      return stuck
        .filter((target) => !held || open(causeKeys.postStuck(target.id)))
        .map((target) => {
          const name = accountName(target.platform, target.handle);
          const late =
            Math.max(target.createdAt, target.waitingUntil ?? 0) < now - POST_DEADLINE_MS;
          return {
            key: causeKeys.postStuck(target.id),
            kind: 'stuck',
            severity: 'warning' as const,
            title: `A post to ${name} is stuck`,
            body: late
              ? 'It is still not published more than a day after it could start.'
              : target.phase === 'processing'
                ? 'The platform has said nothing new about it for over an hour.'
                : 'Nothing has happened to it for over an hour, and it is not waiting for anything.',
            action:
              'Open it in Distribution to see where it stands. If uploads are stuck in general, see Statistics → Health.',
            target: { screen: 'distribution' as const, itemId: target.id },
            count: 1,
          };
        });
    },
  };
}

import { stat } from 'node:fs/promises';
import type { AccountHealth, QueueKind, SystemHealth } from '../../../shared/domain/health';
import type { AccountsService } from '../accounts/accounts-module';
import type { DiskReading } from '../automation/automation-module';
import { describeError } from '../errors';
import type { FfmpegToolsPort } from '../ffmpeg/ffmpeg-module';
import type { JobHolds } from '../jobs/jobs-module';
import type { Clock, Logger } from '../ports';
import type { Heartbeat } from '../scheduler/wake-timer';
import { accountHealthOf } from './account-health-view';
import type { BackupSource } from './backup-source';
import type { HealthRepository } from './health-repository';

const MINUTE = 60_000;
/** No look at what is due for this long while running: the scheduler is stalled. */
export const SCHEDULER_STALL_MS = 5 * MINUTE;
/**
 * A job due this long ago and not taken while nothing of its kind runs (or a running job whose
 * lease ran out this long ago) is overdue: the queue is not working on it.
 */
export const JOB_OVERDUE_MS = 15 * MINUTE;
const DAY = 24 * 60 * MINUTE;

export interface HealthServiceDeps {
  repository: HealthRepository;
  accounts: Pick<AccountsService, 'overview'>;
  scheduler: { heartbeat(): Heartbeat };
  holds: Pick<JobHolds, 'claimFloor'>;
  ffmpeg: Pick<FfmpegToolsPort, 'locate'>;
  disk: { diskSpace(): Promise<DiskReading> };
  backups: BackupSource | null;
  clock: Clock;
  logger: Logger;
  dbFile: string;
  app: { version: string; mode: 'desktop' | 'headless' };
}

/** The scheduler as system health shows it and the stalled-scheduler alert reads it. */
export interface SchedulerHealth {
  heartbeat: Heartbeat;
  stalled: boolean;
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/**
 * Account and system health, read when asked: the accounts with their sign-in, errors, pacing
 * headroom and quotas; the scheduler's heartbeat, the job queue, ffmpeg, the disk, the
 * database, backups and the app. The alert rules read the same figures.
 */
export class HealthService {
  readonly startedAt: number;

  constructor(private readonly deps: HealthServiceDeps) {
    this.startedAt = deps.clock.now();
  }

  async accountHealth(): Promise<AccountHealth[]> {
    const now = this.deps.clock.now();
    const [accounts, failures] = await Promise.all([
      this.deps.accounts.overview(),
      this.deps.repository.failuresByAccount(now - DAY),
    ]);
    return accounts.map(({ account, quotas }) =>
      accountHealthOf(account, quotas, failures.get(account.id) ?? 0, now),
    );
  }

  scheduler(): SchedulerHealth {
    const heartbeat = this.deps.scheduler.heartbeat();
    const now = this.deps.clock.now();
    const last = heartbeat.lastTickAt ?? heartbeat.startedAt;
    const stalled =
      heartbeat.state === 'running' && last !== null && now - last > SCHEDULER_STALL_MS;
    return { heartbeat, stalled };
  }

  /** The queue per job kind: what waits, runs and died, what is held and what is overdue. */
  async queue(): Promise<QueueKind[]> {
    const now = this.deps.clock.now();
    const counts = await this.deps.repository.queue(now, now - JOB_OVERDUE_MS);
    const kinds: QueueKind[] = [];
    for (const count of counts) {
      const floor = this.deps.holds.claimFloor(count.kind);
      const held = floor !== null;
      // What a worker may take now: nothing while fully held, person-requested work while paused.
      const claimableSince =
        floor === null
          ? count.oldestWaitingSince
          : floor === Number.POSITIVE_INFINITY || count.waiting === 0
            ? null
            : await this.deps.repository.oldestClaimable(count.kind, now, floor);
      const waitingTooLong =
        claimableSince !== null && count.running === 0 && now - claimableSince > JOB_OVERDUE_MS;
      kinds.push({
        kind: count.kind,
        waiting: count.waiting,
        scheduled: count.scheduled,
        running: count.running,
        dead: count.dead,
        oldestWaitingSince: count.oldestWaitingSince,
        held,
        overdue: waitingTooLong || count.abandoned > 0,
      });
    }
    return kinds;
  }

  async systemHealth(): Promise<SystemHealth> {
    const now = this.deps.clock.now();
    const { heartbeat, stalled } = this.scheduler();
    const [kinds, running, nextRun, ffmpeg, disk, size, lastBackupAt] = await Promise.all([
      this.queue(),
      this.deps.repository.runningJobs(50),
      this.deps.repository.nextRun(),
      this.deps.ffmpeg.locate(),
      this.deps.disk.diskSpace(),
      Promise.all([fileSize(this.deps.dbFile), fileSize(`${this.deps.dbFile}-wal`)]),
      this.lastBackupAt(),
    ]);
    return {
      at: now,
      scheduler: {
        state: heartbeat.state,
        lastTickAt: heartbeat.lastTickAt,
        nextCheckAt: heartbeat.nextCheckAt,
        nextRun,
        stalled,
      },
      queue: {
        kinds,
        running: running.map((job) => ({
          id: job.id,
          kind: job.kind,
          attempts: job.attempts,
          progress: job.progress === null ? null : Math.min(1, Math.max(0, job.progress)),
          message: job.progress_message,
          updatedAt: job.updated_at,
          leaseExpiresAt: job.lease_expires_at,
        })),
      },
      ffmpeg: {
        found: ffmpeg.found,
        version: ffmpeg.version,
        path: ffmpeg.ffmpegPath,
        message: ffmpeg.message,
      },
      disk: {
        dataDir: disk.dataDir,
        freeBytes: disk.freeBytes,
        lowBytes: disk.lowBytes,
        error: disk.error,
      },
      database: { path: this.deps.dbFile, sizeBytes: size[0] + size[1] },
      backup: { available: this.deps.backups !== null, lastBackupAt },
      app: {
        version: this.deps.app.version,
        mode: this.deps.app.mode,
        startedAt: this.startedAt,
        uptimeMs: Math.max(0, now - this.startedAt),
      },
    };
  }

  private async lastBackupAt(): Promise<number | null> {
    if (!this.deps.backups) return null;
    try {
      return await this.deps.backups.lastBackupAt();
    } catch (error) {
      this.deps.logger.warn('last backup time could not be read', { error: describeError(error) });
      return null;
    }
  }
}

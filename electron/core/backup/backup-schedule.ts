import { z } from 'zod';
import type { BackupSettings } from '../../../shared/domain/backup';
import { describeError } from '../errors';
import type { Clock, Logger, PowerEvents } from '../ports';
import { nextOccurrence } from '../scheduler/occurrences';
import { WakeTimer } from '../scheduler/wake-timer';
import type { BackupRepository } from './backup-repository';

const handledKey = 'schedule.handledUntil';

/** The daily backup time after `after`, in the person's time zone; null when switched off. */
export function nextBackupAt(
  settings: Pick<BackupSettings, 'scheduleEnabled' | 'time'>,
  timeZone: string,
  after: number,
): number | null {
  if (!settings.scheduleEnabled) return null;
  return nextOccurrence(
    { rule: { kind: 'daily', times: [settings.time] }, timeZone, startDate: null, endDate: null },
    after,
    after,
  );
}

/**
 * The daily backup. What was handled is stored (`handledUntil`), so the next due time is always
 * read from the database: when the computer slept through one or more backup times, one backup
 * is taken on waking (caught up once, never once per missed day), then the rhythm goes on.
 */
export class BackupSchedule {
  private readonly timer: WakeTimer<number>;

  constructor(
    private readonly deps: {
      repository: BackupRepository;
      clock: Clock;
      power: PowerEvents;
      logger: Logger;
      current(): Promise<{ settings: BackupSettings; timeZone: string }>;
      /** Queues the scheduled backup for the time it was due (its idempotency key). */
      enqueue(dueAt: number): Promise<void>;
    },
  ) {
    this.timer = new WakeTimer({
      clock: deps.clock,
      power: deps.power,
      logger: deps.logger,
      maxSleepMs: 10 * 60_000,
      runDue: (now) => this.runDue(now),
      nextDueAt: () => this.nextDueAt(),
    });
  }

  private async handledUntil(): Promise<number> {
    const parsed = z.number().safeParse(await this.deps.repository.read(handledKey));
    if (parsed.success) return parsed.data;
    // A new installation starts counting now: the first backup comes at the next backup time.
    const now = this.deps.clock.now();
    await this.deps.repository.write(handledKey, now, now);
    return now;
  }

  async nextDueAt(): Promise<number | null> {
    const { settings, timeZone } = await this.deps.current();
    return nextBackupAt(settings, timeZone, await this.handledUntil());
  }

  async runDue(now: number): Promise<number[]> {
    const due = await this.nextDueAt();
    if (due === null || due > now) return [];
    try {
      await this.deps.enqueue(due);
    } catch (error) {
      this.deps.logger.error('scheduled backup could not be queued', {
        error: describeError(error),
      });
      return [];
    }
    await this.deps.repository.write(handledKey, now, now);
    if (now - due > 60 * 60_000)
      this.deps.logger.info('missed backup caught up', { dueAt: due, now });
    return [due];
  }

  start(): Promise<void> {
    return this.timer.start();
  }

  stop(): Promise<unknown> {
    return this.timer.stop();
  }

  /** The settings changed: the next backup time may have moved. */
  wake(): void {
    this.timer.wake();
  }
}

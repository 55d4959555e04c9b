import type { ConfigRun } from '../../../shared/domain/configs';
import type { ConfigRepository } from '../configs/config-repository';
import { readDefinition } from '../configs/config-service';
import type { ExecutionService } from '../configs/execution-service';
import { describeError } from '../errors';
import type { Clock, Logger, PowerEvents } from '../ports';
import { latestOccurrence, nextOccurrence } from './occurrences';

export interface SchedulerOptions {
  repository: ConfigRepository;
  execution: ExecutionService;
  clock: Clock;
  power: PowerEvents;
  logger: Logger;
  /** A run started this late after its time still counts as on time. Default 10 minutes. */
  lateToleranceMs?: number;
  /** Longest sleep between checks; also bounds how late a wall-clock jump is noticed. */
  maxSleepMs?: number;
  /** A wake this far from its expected time means the wall clock jumped. Default 2 minutes. */
  jumpThresholdMs?: number;
  /** Called when a config's next run or last run moved. */
  onConfigChanged?: (configId: string) => void;
  /**
   * While true (Pause all), nothing is started and the next runs stay where they are; the first
   * tick after the pause treats what came due as missed (one catch-up run, never a burst).
   */
  isPaused?: () => boolean;
}

export type TickReason =
  'start-up' | 'timer' | 'resume' | 'clock-jump' | 'config-changed' | 'manual';

/**
 * Starts config runs when they are due. The `configs.next_run_at` column is the truth: the
 * timer only decides when to look. A missed window (sleep, app closed) gives one catch-up run
 * for the most recent missed occurrence; an occurrence is taken in one transaction with its run
 * row, keyed by (config, scheduled time), so it never runs twice. See docs/scheduler.md.
 */
export class Scheduler {
  private cancelTimer: (() => void) | null = null;
  private expectedWakeAt: number | null = null;
  private lastTickAt: number | null = null;
  private ticking: Promise<ConfigRun[]> | null = null;
  private tickAgain = false;
  private stopped = true;
  private unsubscribeResume: (() => void) | null = null;
  private readonly lateToleranceMs: number;
  private readonly maxSleepMs: number;
  private readonly jumpThresholdMs: number;

  constructor(private readonly options: SchedulerOptions) {
    this.lateToleranceMs = options.lateToleranceMs ?? 10 * 60_000;
    this.maxSleepMs = options.maxSleepMs ?? 60_000;
    this.jumpThresholdMs = options.jumpThresholdMs ?? 2 * 60_000;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribeResume = this.options.power.onResume(() => {
      this.options.logger.info('machine resumed; checking what is due');
      void this.tick('resume');
    });
    await this.tick('start-up');
  }

  stop(): Promise<unknown> {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.unsubscribeResume?.();
    this.unsubscribeResume = null;
    return this.ticking ?? Promise.resolve();
  }

  /** A config changed: its next run may now be sooner than the timer. */
  wake(): void {
    if (!this.stopped) void this.tick('config-changed');
  }

  /** Starts every due run and re-arms the timer; returns the runs it started. */
  tick(reason: TickReason): Promise<ConfigRun[]> {
    // Read the time before any await: a fake clock moves on while promises settle.
    const now = this.options.clock.now();
    if (this.ticking) {
      this.tickAgain = true;
      return this.ticking;
    }
    this.ticking = (async () => {
      const started: ConfigRun[] = [];
      let at = now;
      try {
        do {
          this.tickAgain = false;
          started.push(...(await this.startDue(at, reason)));
          at = this.options.clock.now();
        } while (this.tickAgain && !this.stopped);
      } finally {
        this.lastTickAt = at;
        this.ticking = null;
      }
      await this.arm();
      return started;
    })();
    return this.ticking;
  }

  private async startDue(now: number, reason: TickReason): Promise<ConfigRun[]> {
    const { repository, execution, logger } = this.options;
    const started: ConfigRun[] = [];
    if (this.options.isPaused?.()) return started;
    for (const row of await repository.due(now)) {
      const expected = row.next_run_at;
      if (expected === null) continue;
      try {
        const config = readDefinition(row);
        const schedule = config.schedule;
        const { latest, count } = latestOccurrence(schedule, expected - 1, now, row.created_at);
        const newNext = nextOccurrence(schedule, now, row.created_at);
        if (latest === null) {
          // The schedule changed or ended since this time was stored: nothing is owed.
          await repository.update(row.id, { nextRunAt: newNext }, now);
          this.options.onConfigChanged?.(row.id);
          continue;
        }
        const onTime = count === 1 && now - latest <= this.lateToleranceMs;
        const run = await repository.claimOccurrence(
          row.id,
          expected,
          newNext,
          execution.newScheduledRun({
            configId: row.id,
            config,
            trigger: onTime ? 'schedule' : 'catchUp',
            scheduledFor: latest,
            missedCount: count - 1,
          }),
        );
        this.options.onConfigChanged?.(row.id);
        if (!run) {
          logger.info('occurrence already taken', { configId: row.id, scheduledFor: latest });
          continue;
        }
        logger.info(onTime ? 'scheduled run started' : 'catch-up run started', {
          configId: row.id,
          scheduledFor: latest,
          missed: count - 1,
          reason,
        });
        await execution.materialize(run.id);
        started.push(await execution.requireRun(run.id));
      } catch (error) {
        logger.error('a due config could not be started', {
          configId: row.id,
          error: describeError(error),
        });
      }
    }
    return started;
  }

  private async arm(): Promise<void> {
    if (this.stopped) return;
    this.cancelTimer?.();
    // Paused: no timer; resuming calls wake().
    if (this.options.isPaused?.()) return;
    const { clock } = this.options;
    let delay = this.maxSleepMs;
    try {
      const next = await this.options.repository.earliestNextRun();
      if (next !== null) delay = Math.min(delay, Math.max(1_000, next - clock.now()));
    } catch (error) {
      this.options.logger.error('scheduler could not read the next run', {
        error: describeError(error),
      });
    }
    if (this.stopped) return;
    this.cancelTimer?.();
    this.expectedWakeAt = clock.now() + delay;
    this.cancelTimer = clock.setTimeout(() => {
      const now = clock.now();
      const expected = this.expectedWakeAt ?? now;
      const jumped =
        Math.abs(now - expected) > this.jumpThresholdMs ||
        (this.lastTickAt !== null && now < this.lastTickAt);
      if (jumped) {
        this.options.logger.warn('wall clock jumped; checking what is due', {
          expected,
          now,
        });
      }
      void this.tick(jumped ? 'clock-jump' : 'timer');
    }, delay);
  }
}

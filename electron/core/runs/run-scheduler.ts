import type { ConfigRun } from '../../../shared/domain/configs';
import { readDefinition } from '../configs/configs-module';
import { describeError } from '../errors';
import type { Clock, Logger, PowerEvents } from '../ports';
import { EventLoopSlicer } from '../runtime/event-loop';
import { latestOccurrence, nextOccurrence } from '../scheduler/occurrences';
import { WakeTimer, type WakeReason } from '../scheduler/wake-timer';
import type { ExecutionService } from './execution-service';
import type { RunRepository } from './run-repository';

export interface RunSchedulerOptions {
  repository: RunRepository;
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
   * look after the pause treats what came due as missed (one catch-up run, never a burst).
   */
  isPaused?: () => boolean;
}

export type RunScheduler = WakeTimer<ConfigRun>;

/**
 * Starts config runs when they are due. The `configs.next_run_at` column is the truth: the
 * timer only decides when to look. A missed window (sleep, app closed) gives one catch-up run
 * for the most recent missed occurrence; an occurrence is taken in one transaction with its run
 * row, keyed by (config, scheduled time), so it never runs twice. See docs/scheduler.md.
 */
export function createRunScheduler(options: RunSchedulerOptions): RunScheduler {
  const lateToleranceMs = options.lateToleranceMs ?? 10 * 60_000;
  return new WakeTimer<ConfigRun>({
    clock: options.clock,
    power: options.power,
    logger: options.logger,
    maxSleepMs: options.maxSleepMs,
    jumpThresholdMs: options.jumpThresholdMs,
    isHeld: options.isPaused,
    nextDueAt: () => options.repository.earliestNextRun(),
    runDue: (now, reason) => startDueRuns(options, lateToleranceMs, now, reason),
  });
}

async function startDueRuns(
  options: RunSchedulerOptions,
  lateToleranceMs: number,
  now: number,
  reason: WakeReason,
): Promise<ConfigRun[]> {
  const { repository, execution, logger } = options;
  const started: ConfigRun[] = [];
  // Thousands of configs due at once (the machine slept for days) must not freeze the windows.
  const slicer = new EventLoopSlicer();
  for (const row of await repository.due(now)) {
    await slicer.pause();
    const expected = row.next_run_at;
    if (expected === null) continue;
    try {
      const config = readDefinition(row);
      const schedule = config.schedule;
      const { latest, count } = latestOccurrence(schedule, expected - 1, now, row.created_at);
      const newNext = nextOccurrence(schedule, now, row.created_at);
      if (latest === null) {
        // The schedule changed or ended since this time was stored: nothing is owed.
        await repository.setNextRun(row.id, newNext, now);
        options.onConfigChanged?.(row.id);
        continue;
      }
      const onTime = count === 1 && now - latest <= lateToleranceMs;
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
      options.onConfigChanged?.(row.id);
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

import { describeError } from '../errors';
import type { Clock, Logger, PowerEvents } from '../ports';

export type WakeReason = 'start-up' | 'timer' | 'resume' | 'clock-jump' | 'changed' | 'manual';

/** How the timer is doing: what system health shows and the stalled-scheduler alert reads. */
export interface Heartbeat {
  /** `running`: started and not held; `paused`: held (Pause all); `stopped`: not started. */
  state: 'running' | 'paused' | 'stopped';
  /** When it was started (the last time). */
  startedAt: number | null;
  /** When the last look at what is due finished. */
  lastTickAt: number | null;
  /** When the look under way began; null when none runs. */
  tickingSince: number | null;
  /** When the timer looks next (at the latest); null when stopped or held. */
  nextCheckAt: number | null;
}

export interface WakeTimerOptions<T> {
  clock: Clock;
  power: PowerEvents;
  logger: Logger;
  /** Does everything due at `now`; returns what it started. Errors of single items are its own. */
  runDue(now: number, reason: WakeReason): Promise<T[]>;
  /** When the next thing is due (the stored truth), or null when nothing is. */
  nextDueAt(): Promise<number | null>;
  /** Longest sleep between checks; also bounds how late a wall-clock jump is noticed. */
  maxSleepMs?: number;
  /** A wake this far from its expected time means the wall clock jumped. Default 2 minutes. */
  jumpThresholdMs?: number;
  /**
   * While true (Pause all), nothing due is run and no timer is armed, so what is due stays due;
   * whoever lifts the hold calls `wake()`.
   */
  isHeld?: () => boolean;
}

/**
 * Decides when to look at what is due: at start-up, on a timer armed for the next due time (but
 * never sleeping longer than `maxSleepMs`), on resume from sleep, after a wall-clock jump, and
 * when told something changed. What is due is always read from storage, never from the timer,
 * so a missed timer only delays work. Ticks never overlap: a tick asked for while one runs makes
 * that one look again.
 */
export class WakeTimer<T> {
  private cancelTimer: (() => void) | null = null;
  private expectedWakeAt: number | null = null;
  private lastTickAt: number | null = null;
  private startedAt: number | null = null;
  private tickingSince: number | null = null;
  private ticking: Promise<T[]> | null = null;
  private tickAgain = false;
  private stopped = true;
  private unsubscribeResume: (() => void) | null = null;
  private readonly maxSleepMs: number;
  private readonly jumpThresholdMs: number;

  constructor(private readonly options: WakeTimerOptions<T>) {
    this.maxSleepMs = options.maxSleepMs ?? 60_000;
    this.jumpThresholdMs = options.jumpThresholdMs ?? 2 * 60_000;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.startedAt = this.options.clock.now();
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
    this.expectedWakeAt = null;
    this.unsubscribeResume?.();
    this.unsubscribeResume = null;
    return this.ticking ?? Promise.resolve();
  }

  heartbeat(): Heartbeat {
    const state = this.stopped ? 'stopped' : this.held() ? 'paused' : 'running';
    return {
      state,
      startedAt: this.startedAt,
      lastTickAt: this.lastTickAt,
      tickingSince: this.ticking ? this.tickingSince : null,
      nextCheckAt: state === 'running' && this.cancelTimer ? this.expectedWakeAt : null,
    };
  }

  /** Something changed: the next due time may now be sooner than the timer. */
  wake(): void {
    if (!this.stopped) void this.tick('changed');
  }

  /** Runs everything due and re-arms the timer; returns what was started. */
  tick(reason: WakeReason): Promise<T[]> {
    // Read the time before any await: a fake clock moves on while promises settle.
    const now = this.options.clock.now();
    if (this.ticking) {
      this.tickAgain = true;
      return this.ticking;
    }
    if (this.held()) {
      this.cancelTimer?.();
      this.cancelTimer = null;
      return Promise.resolve([]);
    }
    this.tickingSince = now;
    this.ticking = (async () => {
      const started: T[] = [];
      let at = now;
      try {
        do {
          this.tickAgain = false;
          started.push(...(await this.options.runDue(at, reason)));
          at = this.options.clock.now();
        } while (this.tickAgain && !this.stopped && !this.held());
      } finally {
        this.lastTickAt = at;
        this.ticking = null;
      }
      await this.arm();
      return started;
    })();
    return this.ticking;
  }

  private held(): boolean {
    return this.options.isHeld?.() ?? false;
  }

  private async arm(): Promise<void> {
    if (this.stopped) return;
    this.cancelTimer?.();
    if (this.held()) {
      this.cancelTimer = null;
      return;
    }
    const { clock } = this.options;
    let delay = this.maxSleepMs;
    try {
      const next = await this.options.nextDueAt();
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

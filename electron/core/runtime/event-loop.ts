import { performance } from 'node:perf_hooks';

/**
 * The engine shares the Electron main process with the windows: a loop over thousands of rows
 * whose awaits all settle at once (better-sqlite3 is synchronous) never lets an event through.
 * `pause()` gives the event loop a turn once `budgetMs` of work has passed since the last one,
 * so long work is cut into slices the person never notices. Real time, not the engine's clock:
 * what matters is how long the thread was busy.
 */
export class EventLoopSlicer {
  private sliceStart = performance.now();

  constructor(private readonly budgetMs = 10) {}

  /** Yields to the event loop when this slice has run past its budget. */
  async pause(): Promise<void> {
    if (performance.now() - this.sliceStart < this.budgetMs) return;
    await yieldToEventLoop();
    this.sliceStart = performance.now();
  }
}

/** Lets timers, I/O and IPC waiting behind this task run first. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

import type { Clock } from '../ports';
import { LeaseLostError } from './job-handler';

/** Why a running job was asked to stop; `decideFailure` turns it into the job's next state. */
export type StopReason = 'cancel' | 'shutdown' | 'suspend' | 'lease';

export interface ActiveJob {
  id: string;
  kind: string;
  controller: AbortController;
  reason: StopReason | null;
  done: Promise<void>;
}

/** The jobs this worker runs now, and how each was asked to stop (once: the first reason wins). */
export class ActiveJobs {
  private readonly jobs = new Map<string, ActiveJob>();

  get size(): number {
    return this.jobs.size;
  }

  add(job: ActiveJob): void {
    this.jobs.set(job.id, job);
  }

  delete(id: string): void {
    this.jobs.delete(id);
  }

  has(id: string): boolean {
    return this.jobs.has(id);
  }

  ids(): string[] {
    return [...this.jobs.keys()];
  }

  runningOf(kind: string): number {
    let count = 0;
    for (const job of this.jobs.values()) if (job.kind === kind) count += 1;
    return count;
  }

  /** Aborts the job's attempt; its handler sees the signal. */
  stop(id: string, reason: StopReason): void {
    const job = this.jobs.get(id);
    if (!job || job.reason) return;
    job.reason = reason;
    // A lost lease is its own error: the handler must not reach another irreversible call.
    job.controller.abort(
      reason === 'lease' ? new LeaseLostError() : new Error(`Job stopped: ${reason}`),
    );
  }

  /** Stops every running job of `kind` not already stopping; returns how many. */
  stopKind(kind: string, reason: StopReason): number {
    let count = 0;
    for (const job of [...this.jobs.values()]) {
      if (job.kind !== kind || job.reason) continue;
      this.stop(job.id, reason);
      count += 1;
    }
    return count;
  }

  stopAll(reason: StopReason): void {
    for (const id of [...this.jobs.keys()]) this.stop(id, reason);
  }

  /** Settles when every attempt running now has ended. */
  settled(): Promise<unknown> {
    return Promise.allSettled([...this.jobs.values()].map((job) => job.done));
  }

  /** Lets the running jobs finish, aborting them (as `shutdown`) once `graceMs` has passed. */
  async drain(graceMs: number, clock: Clock): Promise<void> {
    if (this.jobs.size === 0) return;
    let timedOut = graceMs <= 0;
    if (!timedOut) {
      let cancelTimer: () => void = () => {};
      await Promise.race([
        this.settled(),
        new Promise<void>((resolve) => {
          cancelTimer = clock.setTimeout(() => {
            timedOut = true;
            resolve();
          }, graceMs);
        }),
      ]);
      cancelTimer();
    }
    if (timedOut) this.stopAll('shutdown');
    await this.settled();
  }
}

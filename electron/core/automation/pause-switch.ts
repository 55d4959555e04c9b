import { z } from 'zod';
import { PERSON_REQUESTED_PRIORITY, type HoldChange, type JobHolds } from '../jobs/jobs-module';
import type { KeyedSetting } from '../settings/settings-module';

export const pauseStateSchema = z.object({
  paused: z.boolean(),
  since: z.number().int().nullable(),
});
export type PauseState = z.infer<typeof pauseStateSchema>;

/** The job kinds the switch holds, named by the modules that own them. */
export interface HeldKinds {
  /** Posting (uploads): nothing is claimed while paused or asleep; running ones stop on sleep. */
  posting: Set<string>;
  /** Automatic work (renders): while paused only what a person asked for (Run now) is claimed. */
  automatic: Set<string>;
}

/**
 * Pause all automation, kept in the settings table so it survives restarts, the hold the
 * machine's sleep puts on uploads, and the hold a full disk puts on everything. The job queue and the run scheduler ask it synchronously and
 * follow its changes; it is loaded before either starts.
 */
export class PauseSwitch implements JobHolds {
  private sleeping = false;
  private full = false;
  private state: PauseState = { paused: false, since: null };
  private loading: Promise<void> | null = null;
  private readonly listeners = new Set<(change: HoldChange) => void>();
  readonly kinds: HeldKinds = { posting: new Set(), automatic: new Set() };

  constructor(private readonly setting: KeyedSetting<PauseState>) {}

  /** Reads the stored state once; every later call waits for the same read. */
  load(): Promise<void> {
    this.loading ??= (async () => {
      this.state = (await this.setting.read()) ?? { paused: false, since: null };
    })();
    return this.loading;
  }

  get paused(): boolean {
    return this.state.paused;
  }

  get pausedAt(): number | null {
    return this.state.since;
  }

  get asleep(): boolean {
    return this.sleeping;
  }

  /** The disk is full: nothing is claimed and nothing scheduled starts until there is room. */
  get diskFull(): boolean {
    return this.full;
  }

  /** Returns true when the state changed. */
  async set(paused: boolean, now: number): Promise<boolean> {
    await this.load();
    if (paused === this.state.paused) return false;
    const next = { paused, since: paused ? now : null };
    await this.setting.write(next, now);
    this.state = next;
    this.changed({ suspend: [] });
    return true;
  }

  /** The machine goes to sleep (running posting jobs stop) or woke up (they may go on). */
  setAsleep(asleep: boolean): void {
    if (asleep === this.sleeping) return;
    this.sleeping = asleep;
    this.changed({ suspend: asleep ? [...this.kinds.posting] : [] });
  }

  setDiskFull(full: boolean): void {
    if (full === this.full) return;
    this.full = full;
    this.changed({ suspend: [] });
  }

  claimFloor(kind: string): number | null {
    // Every job writes (renders, uploads' markers, metrics): none starts on a full disk.
    if (this.full) return Number.POSITIVE_INFINITY;
    if (this.kinds.posting.has(kind) && (this.state.paused || this.sleeping)) {
      return Number.POSITIVE_INFINITY;
    }
    if (this.kinds.automatic.has(kind) && this.state.paused) return PERSON_REQUESTED_PRIORITY;
    return null;
  }

  onChange(listener: (change: HoldChange) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private changed(change: HoldChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

import { z } from 'zod';
import { PERSON_REQUESTED_PRIORITY } from '../jobs/job-priorities';
import type { KeyedSetting } from '../settings/keyed-setting';

export const pauseStateSchema = z.object({
  paused: z.boolean(),
  since: z.number().int().nullable(),
});
export type PauseState = z.infer<typeof pauseStateSchema>;

export interface HeldKinds {
  /** Not claimed at all while paused or asleep (uploads: nothing is posted). */
  always: readonly string[];
  /** Only work the person asked for is claimed while paused (renders of Run now). */
  automatic: readonly string[];
}

/**
 * Pause all automation, kept in the settings table so it survives restarts, and the hold the
 * machine's sleep puts on uploads. The scheduler and the job queue ask it synchronously.
 */
export class PauseSwitch {
  private sleeping = false;

  private constructor(
    private readonly setting: KeyedSetting<PauseState>,
    private readonly kinds: HeldKinds,
    private state: PauseState,
  ) {}

  static async load(setting: KeyedSetting<PauseState>, kinds: HeldKinds): Promise<PauseSwitch> {
    return new PauseSwitch(
      setting,
      kinds,
      (await setting.read()) ?? { paused: false, since: null },
    );
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

  /** Returns true when the state changed. */
  async set(paused: boolean, now: number): Promise<boolean> {
    if (paused === this.state.paused) return false;
    const next = { paused, since: paused ? now : null };
    await this.setting.write(next, now);
    this.state = next;
    return true;
  }

  setAsleep(asleep: boolean): void {
    this.sleeping = asleep;
  }

  /** `JobQueueOptions.claimFloor`. */
  readonly claimFloor = (kind: string): number | null => {
    if (this.kinds.always.includes(kind) && (this.state.paused || this.sleeping)) {
      return Number.POSITIVE_INFINITY;
    }
    if (this.kinds.automatic.includes(kind) && this.state.paused) return PERSON_REQUESTED_PRIORITY;
    return null;
  };
}

import type { PowerSaveBlocker } from 'electron';

/**
 * Keeps the computer from sleeping while a render or an upload runs (when the setting is on):
 * `prevent-app-suspension` lets the screen turn off but not the machine sleep.
 */
export class KeepAwake {
  private blockerId: number | null = null;

  constructor(private readonly blocker: Pick<PowerSaveBlocker, 'start' | 'stop' | 'isStarted'>) {}

  get active(): boolean {
    return this.blockerId !== null && this.blocker.isStarted(this.blockerId);
  }

  follow(wanted: boolean): void {
    if (wanted && !this.active) {
      this.blockerId = this.blocker.start('prevent-app-suspension');
    } else if (!wanted && this.blockerId !== null) {
      this.blocker.stop(this.blockerId);
      this.blockerId = null;
    }
  }
}

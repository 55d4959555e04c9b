import type { DiskFullState } from '../../../shared/domain/automation';
import { causeKeys } from '../../../shared/domain/notifications';
import { describeError } from '../errors';
import type { Clock, Logger, Notifier } from '../ports';

export interface DiskWatchDeps {
  gate: Notifier & { resolve(causeKey: string): void };
  clock: Clock;
  logger: Logger;
  dataDir: string;
  freeBytes(dir: string): Promise<number>;
  /** Holds (true) or releases (false) every job and the scheduler. */
  hold(full: boolean): void;
  /** The status changed (full, or free again). */
  changed(): void;
  /** How often the free space is read while the disk is full. Default 10 s. */
  checkMs?: number;
  /** Work goes on once this much is free. Default 64 MiB. */
  resumeBytes?: number;
  /** Less than this free counts as full even before a write fails. Default 16 MiB. */
  fullBelowBytes?: number;
}

/**
 * A full disk: SQLite answers SQLITE_FULL, files ENOSPC, ffmpeg "No space left on device".
 * Whoever meets it (through the log tap or a disk check) reports it here; then every job and
 * the scheduler are held (nothing is lost: the database keeps what it had, jobs give back their
 * attempt and due runs stay due), the person is told once and the status shows it, and the free
 * space is read every few seconds until there is room again, when everything goes on.
 */
export class DiskWatch {
  private current: DiskFullState | null = null;
  private cancelCheck: (() => void) | null = null;
  private running = false;

  constructor(private readonly deps: DiskWatchDeps) {}

  get state(): DiskFullState | null {
    return this.current;
  }

  start(): void {
    this.running = true;
    if (this.current) this.scheduleCheck();
  }

  stop(): void {
    this.running = false;
    this.cancelCheck?.();
    this.cancelCheck = null;
  }

  /** A write failed for lack of space (or the free space is below the minimum). */
  report(what: string, freeBytes: number | null = null): void {
    if (this.current) return;
    this.current = { since: this.deps.clock.now(), dataDir: this.deps.dataDir, freeBytes };
    this.deps.logger.warn('the disk is full; work is held until there is room', { what });
    this.deps.gate.notify({
      kind: 'diskFull',
      causeKey: causeKeys.diskFull,
      level: 'error',
      title: 'The disk is full',
      body: `ReelPilot cannot save to ${this.deps.dataDir}: renders, uploads and scheduled runs wait until there is room. Free some space (empty the trash, delete large files you no longer need); ReelPilot goes on by itself, and nothing saved is lost.`,
      target: { screen: 'settings' },
    });
    this.deps.hold(true);
    this.deps.changed();
    this.scheduleCheck();
  }

  /** The free space, from any disk check. */
  observe(freeBytes: number): void {
    if (this.current) {
      this.current = { ...this.current, freeBytes };
      if (freeBytes >= (this.deps.resumeBytes ?? 64 * 1024 ** 2)) this.release(freeBytes);
      return;
    }
    if (freeBytes < (this.deps.fullBelowBytes ?? 16 * 1024 ** 2)) {
      this.report(`only ${freeBytes} bytes free`, freeBytes);
    }
  }

  /** Reads the free space now. */
  async check(): Promise<void> {
    try {
      this.observe(await this.deps.freeBytes(this.deps.dataDir));
    } catch (error) {
      this.deps.logger.warn('free disk space could not be read', { error: describeError(error) });
    }
  }

  private release(freeBytes: number): void {
    const since = (this.current as DiskFullState).since;
    this.current = null;
    this.cancelCheck?.();
    this.cancelCheck = null;
    this.deps.gate.resolve(causeKeys.diskFull);
    this.deps.logger.info('there is room on the disk again; work goes on', { freeBytes, since });
    this.deps.hold(false);
    this.deps.gate.notify({
      kind: 'diskFull',
      level: 'info',
      title: 'There is room on the disk again',
      body: 'Renders, uploads and scheduled runs go on.',
    });
    this.deps.changed();
  }

  private scheduleCheck(): void {
    if (!this.running || this.cancelCheck) return;
    this.cancelCheck = this.deps.clock.setTimeout(() => {
      this.cancelCheck = null;
      void this.check().then(() => {
        if (this.current) this.scheduleCheck();
      });
    }, this.deps.checkMs ?? 10_000);
  }
}

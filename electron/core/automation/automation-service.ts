import type { EventName } from '../../../shared/contract';
import {
  automationPreferencesSchema,
  automationStateOf,
  defaultAutomationPreferences,
  type AutomationPreferences,
  type AutomationPreferencesPatch,
  type AutomationStatus,
} from '../../../shared/domain/automation';
import { describeError } from '../errors';
import type { Clock, EventSink, Logger, Paths, PowerEvents } from '../ports';
import { systemFreeBytes } from '../runtime/disk-space';
import { latestPush } from '../runtime/latest-push';
import type { KeyedSetting, SettingsService } from '../settings/settings-module';
import type { ActivityReader } from './activity-reader';
import { DiskWatch, type DiskWatchDeps } from './disk-watch';
import type { EventTap } from './event-tap';
import type { NotificationGate } from './notification-gate';
import type { PauseSwitch } from './pause-switch';

/** Events after which the status may have changed. */
const activityEvents: ReadonlySet<EventName> = new Set<EventName>([
  'jobs:progress',
  'distribution:targetUpdated',
  'configs:changed',
  'configs:runUpdated',
  'accounts:changed',
]);

export interface AutomationServiceDeps {
  pause: PauseSwitch;
  activity: ActivityReader;
  preferencesSetting: KeyedSetting<AutomationPreferences>;
  tap: EventTap;
  events: EventSink;
  gate: NotificationGate;
  power: PowerEvents;
  clock: Clock;
  logger: Logger;
  paths: Paths;
  settings: Pick<SettingsService, 'get' | 'onChange'>;
  /** Free bytes on the disk holding `dir`; tests pass their own. */
  freeBytes?: (dir: string) => Promise<number>;
  /** How often the free space is checked. Default 10 minutes. */
  diskCheckMs?: number;
  /** Status pushes are gathered for this long. Default 400 ms. */
  pushDelayMs?: number;
  /** When a full disk counts as full and as free again, and how often it is read meanwhile. */
  diskFull?: Pick<DiskWatchDeps, 'checkMs' | 'resumeBytes' | 'fullBelowBytes'>;
}

/** Free space on the disk holding the data folder, and the low-disk threshold beside it. */
export interface DiskReading {
  dataDir: string;
  /** Null when it could not be read (`error` says why). */
  freeBytes: number | null;
  /** Below this, the disk counts as nearly full (Settings → Notifications). */
  lowBytes: number;
  checkedAt: number;
  error: string | null;
}

/**
 * Pause all, what is happening now, the person's notification choices and the low-disk check.
 * It watches the events the domains push (through the tap) and reads the tables they keep; its
 * only hooks into them are the pause switch the run scheduler and the job queue follow. What
 * to notify about is the alerts' decision (electron/core/alerts): they read the disk checks.
 */
export class AutomationService {
  private preferencesValue: AutomationPreferences = defaultAutomationPreferences;
  private readonly unsubscribe: Array<() => void> = [];
  private readonly diskListeners = new Set<(reading: DiskReading) => void>();
  private cancelPush: (() => void) | null = null;
  private cancelDiskCheck: (() => void) | null = null;
  private lowDisk = false;
  private lastDisk: DiskReading | null = null;
  private started = false;
  private readonly disk: DiskWatch;
  /** Pushes the status; an older read finishing late is not pushed over a newer one. */
  private readonly pushStatus = latestPush(
    () => this.status(),
    (status) => this.deps.events.emit('automation:status', status),
  );

  private loading: Promise<void> | null = null;

  constructor(private readonly deps: AutomationServiceDeps) {
    this.disk = new DiskWatch({
      ...deps.diskFull,
      gate: deps.gate,
      clock: deps.clock,
      logger: deps.logger,
      dataDir: deps.paths.dataDir,
      freeBytes: deps.freeBytes ?? systemFreeBytes,
      hold: (full) => deps.pause.setDiskFull(full),
      changed: () => this.schedulePush(),
    });
    deps.gate.usePreferences(() => this.preferencesValue.notifications);
    // The status shows the time zone of the settings.
    deps.settings.onChange(() => this.schedulePush());
  }

  /** Reads the pause state and the preferences; before anything runs (`recover`). */
  load(): Promise<void> {
    this.loading ??= (async () => {
      await this.deps.pause.load();
      this.preferencesValue = (await this.deps.preferencesSetting.read()) ?? {
        ...defaultAutomationPreferences,
      };
    })();
    return this.loading;
  }

  /** Watches events, sleep and the disk. Starts before the job queue. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.load();
    this.unsubscribe.push(
      this.deps.tap.listen((event) => {
        if (activityEvents.has(event)) this.schedulePush();
      }),
      this.deps.power.onSuspend(() => this.suspend()),
      this.deps.power.onResume(() => this.wake()),
    );
    this.disk.start();
    await this.checkDisk();
    await this.pushStatus();
  }

  /**
   * Something could not be written for lack of space (heard in the logs of the modules): hold
   * the work and tell the person, until there is room again.
   */
  diskFull(what: string): void {
    this.disk.report(what);
  }

  stop(): void {
    this.started = false;
    this.disk.stop();
    for (const off of this.unsubscribe.splice(0)) off();
    this.cancelPush?.();
    this.cancelPush = null;
    this.cancelDiskCheck?.();
    this.cancelDiskCheck = null;
  }

  async status(): Promise<AutomationStatus> {
    await this.load();
    const now = this.deps.clock.now();
    const activity = await this.deps.activity.read(now, this.preferencesValue.favouriteConfigIds);
    const diskFull = this.disk.state;
    if (diskFull) {
      activity.attention.push({
        kind: 'lowDisk',
        count: 1,
        message: 'The disk is full: work waits for space',
        target: { screen: 'settings' },
      });
    } else if (this.lowDisk) {
      activity.attention.push({
        kind: 'lowDisk',
        count: 1,
        message: 'The disk is nearly full',
        target: { screen: 'settings' },
      });
    }
    const { pause } = this.deps;
    return {
      state: automationStateOf(pause.paused, activity),
      paused: pause.paused,
      pausedAt: pause.pausedAt,
      ...activity,
      keepAwake:
        this.preferencesValue.keepAwake &&
        (activity.renders.length > 0 || activity.uploads.length > 0),
      diskFull,
      timeZone: (await this.deps.settings.get()).timeZone,
      at: now,
    };
  }

  /**
   * Pause all: no schedule fires and no new upload starts; running work finishes. The switch
   * tells the scheduler (it drops its timer) and the queue.
   */
  async pause(): Promise<AutomationStatus> {
    if (await this.deps.pause.set(true, this.deps.clock.now())) {
      this.deps.logger.info('automation paused');
    }
    return this.pushStatus();
  }

  /** What came due while paused follows the scheduler's catch-up policy: one run, never a burst. */
  async resume(): Promise<AutomationStatus> {
    if (await this.deps.pause.set(false, this.deps.clock.now())) {
      this.deps.logger.info('automation resumed');
    }
    return this.pushStatus();
  }

  async preferences(): Promise<AutomationPreferences> {
    await this.load();
    return this.preferencesValue;
  }

  async updatePreferences(patch: AutomationPreferencesPatch): Promise<AutomationPreferences> {
    await this.load();
    const current = this.preferencesValue;
    const next = automationPreferencesSchema.parse({
      ...current,
      ...patch,
      notifications: { ...current.notifications, ...patch.notifications },
    });
    await this.deps.preferencesSetting.write(next, this.deps.clock.now());
    this.preferencesValue = next;
    this.deps.logger.info('automation preferences changed', { keys: Object.keys(patch) });
    if (patch.lowDiskGb !== undefined) await this.checkDisk();
    await this.pushStatus();
    return next;
  }

  /** The machine is going to sleep: running uploads stop cleanly and continue after the wake. */
  private suspend(): void {
    this.deps.logger.info('machine suspending; uploads held');
    this.deps.pause.setAsleep(true);
  }

  private wake(): void {
    if (!this.deps.pause.asleep) return;
    this.deps.logger.info('machine resumed; uploads released');
    this.deps.pause.setAsleep(false);
  }

  /** The last disk check (every 10 minutes, and after the threshold changed); null before one. */
  lastDiskReading(): DiskReading | null {
    return this.lastDisk;
  }

  /** Reads the free space now (System health asks); the disk check's listeners hear it too. */
  async diskSpace(): Promise<DiskReading> {
    await this.load();
    return this.readDisk();
  }

  /** Called after every disk check with what it read; returns the unsubscribe. */
  onDiskChecked(listener: (reading: DiskReading) => void): () => void {
    this.diskListeners.add(listener);
    return () => void this.diskListeners.delete(listener);
  }

  private async readDisk(): Promise<DiskReading> {
    const { paths } = this.deps;
    const lowBytes = this.preferencesValue.lowDiskGb * 1024 ** 3;
    const checkedAt = this.deps.clock.now();
    let reading: DiskReading;
    try {
      const free = await (this.deps.freeBytes ?? systemFreeBytes)(paths.dataDir);
      reading = { dataDir: paths.dataDir, freeBytes: free, lowBytes, checkedAt, error: null };
      // A full disk holds the work until there is room again (its alert: the disk watch).
      this.disk.observe(free);
    } catch (error) {
      this.deps.logger.warn('free disk space could not be read', { error: describeError(error) });
      reading = {
        dataDir: paths.dataDir,
        freeBytes: null,
        lowBytes,
        checkedAt,
        error: `The free space of the disk holding ${paths.dataDir} could not be read: ${describeError(error)}`,
      };
    }
    this.lastDisk = reading;
    if (reading.freeBytes !== null) {
      const wasLow = this.lowDisk;
      this.lowDisk = reading.freeBytes < lowBytes;
      if (wasLow !== this.lowDisk) this.schedulePush();
    }
    for (const listener of this.diskListeners) {
      try {
        listener(reading);
      } catch (error) {
        this.deps.logger.error('disk check listener failed', { error: describeError(error) });
      }
    }
    return reading;
  }

  private async checkDisk(): Promise<void> {
    this.cancelDiskCheck?.();
    await this.readDisk();
    if (!this.started) return;
    this.cancelDiskCheck = this.deps.clock.setTimeout(
      () => void this.checkDisk(),
      this.deps.diskCheckMs ?? 10 * 60_000,
    );
  }

  private schedulePush(): void {
    if (this.cancelPush || !this.started) return;
    this.cancelPush = this.deps.clock.setTimeout(() => {
      this.cancelPush = null;
      void this.pushStatus().catch((error: unknown) =>
        this.deps.logger.warn('status not pushed', { error: describeError(error) }),
      );
    }, this.deps.pushDelayMs ?? 400);
  }
}

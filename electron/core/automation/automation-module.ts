import { storedAutomationPreferencesSchema } from '../../../shared/domain/automation';
import { defineModule, type ModuleCore } from '../engine-module';
import { KeyedSetting, type SettingsService } from '../settings/settings-module';
import { ActivityReader } from './activity-reader';
import { automationHandlers } from './automation-handlers';
import { AutomationService, type AutomationServiceDeps } from './automation-service';
import { EventTap, type EventListener } from './event-tap';
import { tapLogger } from './log-tap';
import { NotificationGate } from './notification-gate';
import { PauseSwitch, pauseStateSchema } from './pause-switch';

export type { AutomationService, DiskReading } from './automation-service';
export type { CausedNotification, NotificationGate, NotificationSink } from './notification-gate';
export type { EventListener } from './event-tap';

/**
 * Tuning for tests: the free-space reader, the disk check and status push intervals, and when a
 * full disk counts as full and as free again.
 */
export type AutomationOptions = Pick<
  AutomationServiceDeps,
  'freeBytes' | 'diskCheckMs' | 'pushDelayMs' | 'diskFull'
>;

/** What the run scheduler needs of Pause all (and of a full disk, which holds it too). */
export interface PauseHold {
  readonly paused: boolean;
  /** Called when Pause all, the machine's sleep or a full disk changed; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

/**
 * Pause all automation, the activity status the tray and the sidebar show, the notification
 * gate with the person's choices, and the low-disk check. Made before the modules it watches
 * and holds:
 *
 * - `core` is what every later module is made with: its events pass a tap the automation
 *   watches (`listen`), its notifications a gate (`notifications`) that the alerts module takes
 *   over, so that every notification with a cause is an alert; its logs a tap that hears a full
 *   disk (which then holds every job and the scheduler);
 * - `jobHolds` go to the job queue and `pause` to the run scheduler;
 * - runs and distribution name their job kinds (`holdRenders`, `holdUploads`).
 *
 * It starts before the job queue (list order).
 */
export function createAutomationModule(
  core: ModuleCore,
  deps: { settings: SettingsService; options?: AutomationOptions | undefined },
) {
  const { ports } = core;
  const logger = ports.logger.child({ domain: 'automation' });
  const tap = new EventTap(ports.events, logger);
  const gate = new NotificationGate(ports.notifier, logger);
  const pause = new PauseSwitch(
    new KeyedSetting(core.db, 'automation.pause', pauseStateSchema, logger),
  );
  const service = new AutomationService({
    ...deps.options,
    pause,
    activity: new ActivityReader(core.db, pause.kinds),
    preferencesSetting: new KeyedSetting(
      core.db,
      'automation.preferences',
      storedAutomationPreferencesSchema,
      logger,
    ),
    tap,
    events: tap,
    gate,
    power: ports.power,
    clock: ports.clock,
    logger,
    paths: ports.paths,
    settings: deps.settings,
  });
  const observed: ModuleCore = {
    ...core,
    ports: {
      ...ports,
      events: tap,
      notifier: gate,
      logger: tapLogger(ports.logger, (what) => service.diskFull(what)),
    },
  };
  const hold: PauseHold = {
    get paused() {
      return pause.paused || pause.diskFull;
    },
    onChange: (listener) => pause.onChange(() => listener()),
  };
  return defineModule({
    name: 'automation',
    service,
    core: observed,
    /** The gate in front of the shell's notifier. */
    notifications: gate,
    /** Every event the modules made with `core` push, after the UI got it. */
    listen: (listener: EventListener) => tap.listen(listener),
    jobHolds: pause,
    pause: hold,
    /** Render jobs of `kind` are automatic work: while paused only those of Run now are claimed. */
    holdRenders(kind: string): void {
      pause.kinds.automatic.add(kind);
    },
    /** Follows every event the modules push (a module reacting to another's changes). */
    watch(listener: EventListener): () => void {
      return tap.listen(listener);
    },
    /** Upload jobs of `kind` wait while paused or asleep; running ones stop when the machine sleeps. */
    holdUploads(kind: string): void {
      pause.kinds.posting.add(kind);
    },
    handlers: automationHandlers(service),
    recover: () => service.load(),
    start: () => service.start(),
    stop: async () => service.stop(),
  });
}

export type AutomationModule = ReturnType<typeof createAutomationModule>;

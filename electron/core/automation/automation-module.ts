import type { Kysely } from 'kysely';
import { automationPreferencesSchema } from '../../../shared/domain/automation';
import type { Database } from '../db/schema';
import type { EnginePorts } from '../ports';
import { KeyedSetting } from '../settings/keyed-setting';
import { ActivityReader } from './activity-reader';
import { automationHandlers } from './automation-handlers';
import { AutomationService, type AutomationServiceDeps } from './automation-service';
import { EventTap } from './event-tap';
import { NotificationGate } from './notification-gate';
import { PauseSwitch, pauseStateSchema } from './pause-switch';

export interface JobKinds {
  render: string;
  upload: string;
}

/**
 * Step one, before the domains exist: the tap in front of the event sink, the gate in front of
 * the notifier (every domain's notifications pass it), and the pause switch that the queue and
 * the scheduler consult.
 */
export async function prepareAutomation(
  ports: EnginePorts,
  db: Kysely<Database>,
  kinds: JobKinds,
): Promise<{ ports: EnginePorts; tap: EventTap; gate: NotificationGate; pause: PauseSwitch }> {
  const logger = ports.logger.child({ domain: 'automation' });
  const tap = new EventTap(ports.events);
  tap.setLogger(logger);
  const gate = new NotificationGate(ports.notifier, logger);
  const pause = await PauseSwitch.load(
    new KeyedSetting(db, 'automation.pause', pauseStateSchema, ports.logger),
    { always: [kinds.upload], automatic: [kinds.render] },
  );
  return { ports: { ...ports, events: tap, notifier: gate }, tap, gate, pause };
}

/** Step two, once the queue and the scheduler exist. */
export function createAutomation(
  deps: Pick<
    AutomationServiceDeps,
    'queue' | 'scheduler' | 'timeZone' | 'tap' | 'gate' | 'pause'
  > & {
    ports: EnginePorts;
    db: Kysely<Database>;
    kinds: JobKinds;
    options?: Pick<AutomationServiceDeps, 'freeBytes' | 'diskCheckMs' | 'pushDelayMs'>;
  },
) {
  const { ports } = deps;
  const logger = ports.logger.child({ domain: 'automation' });
  const service = new AutomationService({
    ...deps,
    ...deps.options,
    activity: new ActivityReader(deps.db, deps.kinds),
    preferencesSetting: new KeyedSetting(
      deps.db,
      'automation.preferences',
      automationPreferencesSchema,
      logger,
    ),
    events: ports.events,
    power: ports.power,
    clock: ports.clock,
    logger,
    paths: ports.paths,
  });
  return { service, handlers: automationHandlers(service) };
}

import { afterEach, describe, expect, it } from 'vitest';
import { defaultAutomationPreferences } from '../../../shared/domain/automation';
import { NotificationGate } from '../automation/notification-gate';
import type { DatabaseHandle } from '../db/connection';
import { silentLogger } from '../logging/file-logger';
import type { Notification } from '../ports';
import { randomIds } from '../runtime/node-ports';
import { FakeClock } from '../testing/fake-clock';
import { RecordingEventSink } from '../testing/test-engine';
import { openTestDatabase } from '../testing/test-database';
import { AlertsRepository } from './alerts-repository';
import { AlertsService } from './alerts-service';

let handle: DatabaseHandle | null = null;
afterEach(async () => {
  await handle?.close();
  handle = null;
});

/** The gate in front of the shell with the alerts attached, as the engine wires them. */
async function setup() {
  handle = await openTestDatabase();
  const delivered: Notification[] = [];
  const preferences = structuredClone(defaultAutomationPreferences.notifications);
  const gate = new NotificationGate({ notify: (n) => void delivered.push(n) }, silentLogger);
  gate.usePreferences(() => preferences);
  const clock = new FakeClock();
  const events = new RecordingEventSink();
  const repository = new AlertsRepository(handle.db);
  const alerts = new AlertsService({
    repository,
    rules: [],
    deliver: (n) => gate.deliver(n),
    clock,
    ids: randomIds,
    events,
    logger: silentLogger,
  });
  gate.keepAsAlerts(alerts);
  return { gate, alerts, delivered, preferences, clock, events, repository };
}

const diskFull = {
  kind: 'lowDisk',
  causeKey: 'disk-full',
  level: 'error',
  title: 'The disk is full',
  body: 'ReelPilot could not save its work: SQLITE_FULL.',
  target: { screen: 'settings' },
} satisfies Notification;

describe('notifications with a cause, from any source', () => {
  it('become one alert counted per occurrence, delivered once, resolved by their source', async () => {
    const { gate, alerts, delivered, clock } = await setup();
    gate.notify(diskFull);
    clock.advance(5_000);
    gate.notify({ ...diskFull, body: 'ReelPilot could not save its work: ENOSPC.' });
    await alerts.idle();
    const { alerts: open } = await alerts.list({ state: 'open', limit: 10 });
    expect(open).toMatchObject([
      {
        causeKey: 'disk-full',
        kind: 'lowDisk',
        severity: 'error',
        title: 'The disk is full',
        body: 'ReelPilot could not save its work: ENOSPC.',
        target: { screen: 'settings' },
        count: 2,
        lastSeenAt: clock.now(),
      },
    ]);
    expect(delivered).toEqual([{ ...diskFull, alertId: open[0]?.id }]);

    gate.resolve('disk-full');
    await alerts.idle();
    expect((await alerts.list({ state: 'resolved', limit: 10 })).alerts).toMatchObject([
      { causeKey: 'disk-full', resolvedBy: 'source' },
    ]);
    // The cause comes back: a new alert, delivered again.
    gate.notify(diskFull);
    await alerts.idle();
    expect(delivered).toHaveLength(2);
  });

  it('stay alerts but are not delivered when their kind is switched off', async () => {
    const { gate, alerts, delivered, preferences } = await setup();
    preferences.lowDisk = false;
    gate.notify(diskFull);
    await alerts.idle();
    expect(await alerts.counts()).toEqual({ open: 1, acknowledged: 0, errors: 1 });
    expect(delivered).toEqual([]);
  });

  it('without a cause key they are delivered as they are', async () => {
    const { gate, delivered } = await setup();
    gate.notify({ level: 'info', title: 'ReelPilot is still running', body: 'In the tray.' });
    expect(delivered).toHaveLength(1);
  });

  it('before the alerts are attached, one per cause while it lasts', async () => {
    const delivered: Notification[] = [];
    const gate = new NotificationGate({ notify: (n) => void delivered.push(n) }, silentLogger);
    gate.notify(diskFull);
    gate.notify(diskFull);
    expect(delivered).toHaveLength(1);
    gate.resolve('disk-full');
    gate.notify(diskFull);
    expect(delivered).toHaveLength(2);
  });

  it('keep their order: a resolve right after the raise resolves that alert', async () => {
    const { gate, alerts, events } = await setup();
    gate.notify(diskFull);
    gate.resolve('disk-full');
    await alerts.idle();
    expect(events.of('alerts:changed').map((e) => e.alert.state)).toEqual(['open', 'resolved']);
    expect(events.of('alerts:changed').at(-1)?.counts).toEqual({
      open: 0,
      acknowledged: 0,
      errors: 0,
    });
  });

  it('are still delivered, once, when the alert cannot be written (the disk is full)', async () => {
    const { gate, alerts, delivered, repository } = await setup();
    const insert = repository.insert.bind(repository);
    repository.insert = async () => {
      throw new Error('SqliteError: database or disk is full');
    };
    gate.notify(diskFull);
    gate.notify(diskFull);
    await alerts.idle();
    expect(delivered).toEqual([diskFull]);
    // Space came back: the next occurrence is an alert, delivered with its id.
    repository.insert = insert;
    gate.notify(diskFull);
    await alerts.idle();
    expect(delivered).toHaveLength(2);
    expect(delivered[1]?.alertId).toEqual(expect.any(String));
  });
});

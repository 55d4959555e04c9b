import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, AlertPage } from '../../../shared/domain/alerts';
import { createTestEngine, ok } from '../testing/test-engine';
import { alertCounts, listAlerts } from './testing/alert-inbox';
import { createMonitoringWorld, type MonitoringWorld } from './testing/monitoring-world';

/*
 * The rules over posts, accounts and configs, and an alert's life: opened once, counted,
 * notified once, resolved by its cause or by the person. The system's own watches (disk,
 * scheduler, queue, stuck posts, quotas) and the inbox's paging: alert-rules-system.test.ts.
 */

let world: MonitoringWorld;
afterEach(async () => {
  await world.dispose();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const alerts = (state?: Alert['state']) => listAlerts(world, state);
const counts = () => alertCounts(world);

describe('alert rules', () => {
  it('a post that failed for good opens one alert per account, counts the next ones quietly, and resolves when a post goes out', async () => {
    world = await createMonitoringWorld();
    const account = await world.account({ platform: 'tiktok', handle: '@beachlife' });
    const first = await world.post(account, {
      error_kind: 'content',
      error_message: 'TikTok refused the video: it is longer than 10 minutes.',
    });
    await world.sweep();
    const [opened] = await alerts();
    expect(opened).toMatchObject({
      causeKey: `account-failures:${account}`,
      kind: 'postFailed',
      severity: 'error',
      state: 'open',
      title: 'A post to TikTok @beachlife failed',
      body: 'TikTok refused the video: it is longer than 10 minutes.',
      action: expect.stringContaining('Change the video or its text'),
      target: { screen: 'distribution', itemId: first },
      count: 1,
    });
    expect(world.t.notifications).toEqual([
      expect.objectContaining({
        kind: 'postFailed',
        level: 'error',
        causeKey: `account-failures:${account}`,
        alertId: opened?.id,
        target: { screen: 'distribution', itemId: first },
        body: expect.stringContaining('Change the video or its text'),
      }),
    ]);
    expect(await counts()).toEqual({ open: 1, acknowledged: 0, errors: 1 });

    // More failures count on the same alert, and notify no more.
    world.clock.advance(MINUTE);
    const second = await world.post(account, {
      error_kind: 'transient',
      error_message: 'HTTP 503',
    });
    await world.sweep();
    expect(await alerts()).toMatchObject([
      {
        id: opened?.id,
        count: 2,
        title: '2 posts to TikTok @beachlife failed in a row',
        target: { itemId: second },
        firstSeenAt: opened?.firstSeenAt,
      },
    ]);
    expect((await alerts())[0]?.lastSeenAt).toBeGreaterThan(opened?.lastSeenAt ?? Infinity);
    expect(world.t.notifications).toHaveLength(1);

    // Acknowledged: still open, out of the badge; a third failure changes nothing of that.
    await ok(world.t.engine.invoke('alerts:acknowledge', { id: opened?.id }));
    expect(await counts()).toEqual({ open: 0, acknowledged: 1, errors: 0 });
    await world.post(account);
    await world.sweep();
    expect(await alerts('acknowledged')).toMatchObject([{ id: opened?.id, count: 3 }]);
    expect(world.t.notifications).toHaveLength(1);

    // A post goes out: the failures are no longer in a row, the alert resolves by itself.
    await world.posted(account, world.clock.now());
    await world.sweep();
    expect(await alerts('acknowledged')).toEqual([]);
    expect(await alerts('resolved')).toMatchObject([
      { id: opened?.id, resolvedBy: 'rule', resolvedAt: expect.any(Number) },
    ]);
    expect(await counts()).toEqual({ open: 0, acknowledged: 0, errors: 0 });

    // A new failure is a new alert, and notifies again.
    world.clock.advance(MINUTE);
    await world.post(account);
    await world.sweep();
    expect(await alerts()).toMatchObject([
      { count: 1, title: 'A post to TikTok @beachlife failed' },
    ]);
    expect(world.t.notifications).toHaveLength(2);
    // Every change was pushed with the counts after it.
    expect(world.t.events.of('alerts:changed').at(-1)?.counts).toEqual({
      open: 1,
      acknowledged: 0,
      errors: 1,
    });
  });

  it('an alert open before a restart is not notified again after it', async () => {
    world = await createMonitoringWorld();
    const account = await world.account();
    await world.post(account);
    await world.sweep();
    expect(world.t.notifications).toHaveLength(1);
    await world.t.engine.close();
    const again = await createTestEngine({ clock: world.clock, dataDir: world.t.dataDir });
    try {
      world.clock.advance(MINUTE);
      await again.engine.services.alerts.idle();
      expect(again.notifications).toEqual([]);
      const page = await ok<AlertPage>(again.engine.invoke('alerts:list', {}));
      expect(page.alerts).toMatchObject([{ causeKey: `account-failures:${account}`, count: 1 }]);
    } finally {
      await again.engine.close();
    }
  });

  it('a retried post takes its failure off the count', async () => {
    world = await createMonitoringWorld();
    const account = await world.account();
    const failed = await world.post(account);
    await world.sweep();
    expect(await alerts()).toHaveLength(1);
    await world.db
      .updateTable('distribution_targets')
      .set({ state: 'pending', error_kind: null, error_message: null })
      .where('id', '=', failed)
      .execute();
    await world.sweep();
    expect(await alerts()).toEqual([]);
    expect(await alerts('resolved')).toMatchObject([{ resolvedBy: 'rule' }]);
  });

  it('an alert the person resolved stays resolved until its cause happens again', async () => {
    world = await createMonitoringWorld();
    const account = await world.account();
    await world.post(account);
    await world.sweep();
    const [alert] = await alerts();
    const resolved = await ok<Alert>(world.t.engine.invoke('alerts:resolve', { id: alert?.id }));
    expect(resolved).toMatchObject({ state: 'resolved', resolvedBy: 'person' });
    // Resolving twice answers the same; acknowledging a resolved alert is refused in words.
    expect(await ok<Alert>(world.t.engine.invoke('alerts:resolve', { id: alert?.id }))).toEqual(
      resolved,
    );
    expect(await world.t.engine.invoke('alerts:acknowledge', { id: alert?.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('already resolved') },
    });

    // The same failure is still there: no new alert.
    await world.sweep();
    await world.sweep();
    expect(await alerts()).toEqual([]);
    expect(world.t.notifications).toHaveLength(1);

    // It happens again: a new alert, notified.
    await world.post(account);
    await world.sweep();
    expect(await alerts()).toMatchObject([{ count: 2 }]);
    expect(world.t.notifications).toHaveLength(2);
  });

  it('a cause the person resolved that goes away and comes back opens a new alert', async () => {
    world = await createMonitoringWorld();
    const account = await world.account();
    const failed = await world.post(account);
    await world.sweep();
    const [alert] = await alerts();
    await ok(world.t.engine.invoke('alerts:resolve', { id: alert?.id }));
    await world.db
      .updateTable('distribution_targets')
      .set({ state: 'pending' })
      .where('id', '=', failed)
      .execute();
    await world.sweep();
    await world.db
      .updateTable('distribution_targets')
      .set({ state: 'failed' })
      .where('id', '=', failed)
      .execute();
    await world.sweep();
    expect(await alerts()).toMatchObject([{ count: 1, state: 'open' }]);
    expect(world.t.notifications).toHaveLength(2);
  });

  it('an account that needs reconnecting or was deactivated after errors opens an alert; one disabled by the person does not', async () => {
    world = await createMonitoringWorld();
    const reconnect = await world.account({ platform: 'youtube', handle: 'channel' });
    const deactivated = await world.account({ platform: 'x', handle: 'news' });
    const byHand = await world.account({ platform: 'instagram' });
    await world.db
      .updateTable('accounts')
      .set({ status: 'needs_reconnect', status_reason: 'The refresh token was revoked.' })
      .where('id', '=', reconnect)
      .execute();
    await world.db
      .updateTable('accounts')
      .set({ status: 'disabled', consecutive_errors: 5 })
      .where('id', '=', deactivated)
      .execute();
    await world.db
      .updateTable('accounts')
      .set({ status: 'disabled', consecutive_errors: 0 })
      .where('id', '=', byHand)
      .execute();
    await world.sweep();
    const open = await alerts();
    expect(open.map((a) => a.causeKey).sort()).toEqual(
      [`account-deactivated:${deactivated}`, `account-needs-reconnect:${reconnect}`].sort(),
    );
    expect(open.find((a) => a.causeKey.startsWith('account-needs'))).toMatchObject({
      kind: 'accountReconnect',
      title: 'Reconnect YouTube @channel',
      body: 'The refresh token was revoked.',
      target: { screen: 'accounts', itemId: reconnect },
    });
    expect(open.find((a) => a.causeKey.startsWith('account-deact'))).toMatchObject({
      title: 'X @news was deactivated',
      count: 5,
    });

    // Reconnected: resolved by itself. The person's Notifications choice keeps it quiet next time.
    await ok(
      world.t.engine.invoke('automation:updatePreferences', {
        notifications: { accountReconnect: false },
      }),
    );
    await world.db
      .updateTable('accounts')
      .set({ status: 'active', status_reason: null })
      .where('id', '=', reconnect)
      .execute();
    await world.sweep();
    expect((await alerts()).map((a) => a.causeKey)).toEqual([`account-deactivated:${deactivated}`]);
    await world.db
      .updateTable('accounts')
      .set({ status: 'needs_reconnect' })
      .where('id', '=', reconnect)
      .execute();
    await world.sweep();
    expect(await alerts()).toHaveLength(2);
    expect(world.t.notifications).toHaveLength(2);
  });

  it('a config whose runs fail opens one alert, counts them, and resolves on a good run', async () => {
    world = await createMonitoringWorld();
    const config = await world.config('Beach days');
    const now = world.clock.now();
    await world.run(config, 'succeeded', now - 3 * HOUR);
    await world.run(config, 'partial', now - 2 * HOUR, null);
    await world.sweep();
    expect(await alerts()).toMatchObject([
      {
        causeKey: `run-failed:${config}`,
        kind: 'runFailed',
        severity: 'warning',
        title: '“Beach days” run finished with 0 failed videos',
        target: { screen: 'configs', itemId: config },
        count: 1,
      },
    ]);
    await world.run(config, 'failed', now - HOUR, 'ffmpeg was not found.');
    await world.sweep();
    expect(await alerts()).toMatchObject([
      {
        severity: 'error',
        title: '“Beach days” failed 2 runs in a row',
        body: 'ffmpeg was not found.',
        count: 2,
      },
    ]);
    expect(world.t.notifications).toHaveLength(1);
    await world.run(config, 'succeeded', world.clock.now());
    await world.sweep();
    expect(await alerts()).toEqual([]);
  });
});

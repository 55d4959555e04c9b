import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, AlertCounts, AlertPage } from '../../../shared/domain/alerts';
import { createTestEngine, ok } from '../testing/test-engine';
import { createMonitoringWorld, type MonitoringWorld } from './testing/monitoring-world';

let world: MonitoringWorld;
afterEach(async () => {
  await world.dispose();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GB = 1024 ** 3;

async function alerts(state: Alert['state'] = 'open'): Promise<Alert[]> {
  return (await ok<AlertPage>(world.t.engine.invoke('alerts:list', { state }))).alerts;
}

async function counts(): Promise<AlertCounts> {
  return ok<AlertCounts>(world.t.engine.invoke('alerts:counts', {}));
}

function notified(): string[] {
  return world.t.notifications.map((n) => `${n.causeKey}: ${n.title}`);
}

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

  it('low disk opens at the threshold and resolves only well above it', async () => {
    world = await createMonitoringWorld();
    const automation = world.t.engine.services.automation;
    world.disk.free = 1.5 * GB;
    await automation.diskSpace();
    await world.t.engine.services.alerts.idle();
    expect(await alerts()).toMatchObject([
      {
        causeKey: 'disk-low',
        kind: 'lowDisk',
        title: 'Disk nearly full',
        body: expect.stringContaining('Only 1.5 GB is free'),
        action: 'Free some space, or move the data folder in Settings.',
        target: { screen: 'settings' },
      },
    ]);
    // Just above the 2 GB threshold: still nearly full.
    world.disk.free = 2.2 * GB;
    await automation.diskSpace();
    await world.sweep();
    expect(await alerts()).toHaveLength(1);
    world.disk.free = 3 * GB;
    await automation.diskSpace();
    await world.t.engine.services.alerts.idle();
    expect(await alerts()).toEqual([]);
    expect(notified()).toEqual(['disk-low: Disk nearly full']);
  });

  it('a scheduler that stops looking for due runs for 5 minutes opens an alert, resolved once it ticks', async () => {
    world = await createMonitoringWorld();
    // The wall clock moves while no timer fires: nothing looks for due runs.
    world.clock.jump(6 * MINUTE);
    await world.t.engine.services.alerts.evaluate();
    expect(await alerts()).toMatchObject([
      {
        causeKey: 'scheduler-stalled',
        kind: 'stuck',
        severity: 'error',
        target: { screen: 'statistics', itemId: 'system-health' },
      },
    ]);
    // The timers run again: the scheduler looks, and the next sweep finds it alive.
    await world.sweep();
    await world.sweep();
    expect(await alerts()).toEqual([]);
  });

  it('a job waiting far past its time while nothing of its kind runs is overdue; a held one is not', async () => {
    world = await createMonitoringWorld();
    const now = world.clock.now();
    // A kind no module handles here: nothing takes it, so it waits.
    const job = await world.job({ kind: 'report', not_before: now - 20 * MINUTE });
    await world.job({ kind: 'report', not_before: now + HOUR });
    // Uploads are held while paused: waiting is what they should do.
    await ok(world.t.engine.invoke('automation:pause', {}));
    await world.job({ kind: 'upload', not_before: now - HOUR });
    await world.sweep();
    expect(await alerts()).toMatchObject([
      {
        causeKey: 'job-overdue:report',
        title: '“report” jobs are stuck in the queue',
        body: expect.stringContaining('1 job waited more than 15 minutes'),
        count: 1,
      },
    ]);
    await world.db.updateTable('jobs').set({ state: 'running' }).where('id', '=', job).execute();
    await world.sweep();
    expect(await alerts()).toEqual([]);
  });

  it('a post under way with nothing happening for an hour is stuck; one waiting for pacing is not', async () => {
    world = await createMonitoringWorld();
    const account = await world.account({ platform: 'youtube' });
    const now = world.clock.now();
    const stuck = await world.post(account, {
      state: 'processing',
      phase: 'processing',
      updated_at: now - 2 * HOUR,
      created_at: now - 2 * HOUR,
    });
    await world.post(account, {
      state: 'pending',
      updated_at: now - 2 * HOUR,
      created_at: now - 2 * HOUR,
      waiting_until: now + HOUR,
    });
    await world.sweep();
    expect(await alerts()).toMatchObject([
      {
        causeKey: `post-stuck:${stuck}`,
        kind: 'stuck',
        body: 'The platform has said nothing new about it for over an hour.',
        target: { screen: 'distribution', itemId: stuck },
      },
    ]);
    await world.db
      .updateTable('distribution_targets')
      .set({ updated_at: world.clock.now() })
      .where('id', '=', stuck)
      .execute();
    await world.sweep();
    expect(await alerts()).toEqual([]);
  });

  it('a shared quota near its end opens one alert for the platform', async () => {
    world = await createMonitoringWorld();
    const first = await world.account({ platform: 'youtube', handle: 'one' });
    const second = await world.account({ platform: 'youtube', handle: 'two' });
    // Five uploads of 1,600 units: 8,000 of the 10,000 daily units.
    for (let i = 0; i < 5; i += 1) {
      await world.posted(i < 3 ? first : second, world.clock.now() - (i + 1) * MINUTE);
    }
    await world.sweep();
    expect(await alerts()).toMatchObject([
      {
        causeKey: 'quota-near:youtube',
        kind: 'quotaNear',
        title: 'YouTube daily quota nearly used up',
        body: '8,000 units of 10,000 units used for YouTube.',
      },
    ]);
    // Midnight Pacific time: the quota resets.
    world.clock.advance(24 * HOUR);
    await world.t.engine.services.alerts.idle();
    expect(await alerts()).toEqual([]);
  });

  it('pages through an inbox longer than a page, each alert once', async () => {
    world = await createMonitoringWorld();
    for (let i = 0; i < 7; i += 1) {
      await world.post(await world.account());
      world.clock.advance(1_000);
    }
    await world.sweep();
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page: AlertPage = await ok(
        world.t.engine.invoke('alerts:list', { state: 'open', limit: 3, after }),
      );
      seen.push(...page.alerts.map((a) => a.id));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(await world.t.engine.invoke('alerts:list', { after: 'nonsense' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });
});

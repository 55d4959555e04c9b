import { afterEach, describe, expect, it } from 'vitest';
import type { AlertPage } from '../../../shared/domain/alerts';
import { ok } from '../testing/test-engine';
import { listAlerts, notifiedCauses } from './testing/alert-inbox';
import { createMonitoringWorld, type MonitoringWorld } from './testing/monitoring-world';

/*
 * The rules that watch the system: free disk, the scheduler, the queue, posts under way and the
 * platforms' quotas; and paging through a long inbox. Posts, accounts, configs and an alert's
 * life: alert-rules.test.ts.
 */

let world: MonitoringWorld;
afterEach(async () => {
  await world.dispose();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GB = 1024 ** 3;

const alerts = () => listAlerts(world);
const notified = () => notifiedCauses(world);

describe('alert rules: the system', () => {
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

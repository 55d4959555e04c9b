import { afterEach, describe, expect, it } from 'vitest';
import type { AccountHealth, SystemHealth } from '../../../shared/domain/health';
import { createMonitoringWorld, type MonitoringWorld } from '../alerts/testing/monitoring-world';
import { silentLogger } from '../logging/file-logger';
import { FakeClock } from '../testing/fake-clock';
import { ok } from '../testing/test-engine';
import { type HealthRepository } from './health-repository';
import { HealthService } from './health-service';

let world: MonitoringWorld;
afterEach(async () => {
  await world.dispose();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const GB = 1024 ** 3;

async function accountHealth(): Promise<Map<string, AccountHealth>> {
  const list = await ok<AccountHealth[]>(world.t.engine.invoke('statistics:accountHealth', {}));
  return new Map(list.map((health) => [health.accountId, health]));
}

describe('account health', () => {
  it('says for each account how its sign-in, errors, headroom and quotas stand, and what to do', async () => {
    world = await createMonitoringWorld();
    const now = world.clock.now();
    const healthy = await world.account({ platform: 'facebook', accessExpiresAt: null });
    const expiring = await world.account({
      platform: 'tiktok',
      refreshExpiresAt: now + 3 * DAY,
      accessExpiresAt: now + HOUR,
    });
    const reconnect = await world.account({ platform: 'youtube', status: 'needs_reconnect' });
    const busy = await world.account({ platform: 'instagram' });
    for (let i = 0; i < 45; i += 1) await world.posted(busy, now - (i + 1) * 10 * MINUTE);
    const failing = await world.account({ platform: 'x', lastPostAt: now - 2 * DAY });
    await world.post(failing, { updated_at: now - HOUR });
    const paced = await world.account({ platform: 'facebook' });
    await world.t.engine.services.accounts.updateLimits(paced, {
      postsPerHour: null,
      postsPerDay: 1,
      minGapMinutes: null,
    });
    await world.posted(paced, now - MINUTE);

    const health = await accountHealth();
    expect(health.get(healthy)).toMatchObject({
      level: 'ok',
      action: null,
      token: { state: 'valid' },
      postNow: { allowed: true },
      nextFreeSlotAt: now,
      consecutiveErrors: 0,
      failedLast24h: 0,
      quotas: [{ id: 'facebook-reels-24h', used: 0, limit: 30, kind: 'quota' }],
    });
    expect(health.get(expiring)).toMatchObject({
      level: 'warning',
      token: { state: 'expiring', refreshExpiresAt: now + 3 * DAY },
      action: expect.stringContaining('reconnect it on the Accounts screen before then'),
    });
    expect(health.get(reconnect)).toMatchObject({
      level: 'blocked',
      token: { state: 'expired' },
      postNow: { allowed: false, at: null },
      nextFreeSlotAt: null,
      action: expect.stringContaining('Reconnect it on the Accounts screen'),
    });
    expect(health.get(busy)).toMatchObject({
      level: 'warning',
      lastSuccessAt: now - 10 * MINUTE,
      quotas: [
        { id: 'instagram-posts-24h', used: 45, limit: 50, resetsAt: now - 450 * MINUTE + DAY },
      ],
      action: 'Instagram posts in 24 hours is nearly used up: later posts may wait for its reset.',
    });
    expect(health.get(failing)).toMatchObject({
      level: 'warning',
      failedLast24h: 1,
      action: expect.stringContaining('Errors tab'),
    });
    // The person's own daily limit is used: posting waits, and that is no warning.
    expect(health.get(paced)).toMatchObject({
      level: 'ok',
      postNow: { allowed: false, reason: expect.stringContaining('1 post per day') },
      quotas: [
        { id: 'facebook-reels-24h', used: 1 },
        { id: 'own-posts-day', used: 1, limit: 1, kind: 'pacing' },
      ],
    });
    expect(health.get(paced)?.nextFreeSlotAt).toBeGreaterThan(now);
  });
});

describe('system health', () => {
  it('shows the scheduler, the queue by kind, ffmpeg, the disk, the database and the app', async () => {
    world = await createMonitoringWorld();
    world.disk.free = 40 * GB;
    const started = world.clock.now();
    world.clock.advance(30 * MINUTE);
    const now = world.clock.now();
    // A kind no module handles here: nothing takes it, so it waits.
    await world.job({ kind: 'archive', not_before: now - 20 * MINUTE });
    await world.job({ kind: 'archive', not_before: now + HOUR });
    await world.job({ kind: 'metrics', state: 'dead', finishedAt: now - MINUTE });
    await world.job({ kind: 'render', state: 'running', leaseExpiresAt: now + MINUTE });
    await world.db
      .insertInto('configs')
      .values({
        id: 'config-next',
        name: 'Evening',
        definition: '{}',
        active: 1,
        next_run_at: now + 2 * HOUR,
        created_at: now,
        updated_at: now,
      })
      .execute();

    const health = await ok<SystemHealth>(world.t.engine.invoke('statistics:systemHealth', {}));
    expect(health.scheduler).toMatchObject({
      state: 'running',
      stalled: false,
      nextRun: { configId: 'config-next', configName: 'Evening', at: now + 2 * HOUR },
    });
    expect(health.scheduler.lastTickAt).toBeGreaterThan(now - 2 * MINUTE);
    expect(health.scheduler.nextCheckAt).toBeGreaterThan(now);
    // Beside the jobs made here, the daily clean-up the engine queues when it starts.
    expect(health.queue.kinds.filter((k) => k.kind !== 'retention')).toEqual([
      {
        kind: 'archive',
        waiting: 1,
        scheduled: 1,
        running: 0,
        dead: 0,
        oldestWaitingSince: now - 20 * MINUTE,
        held: false,
        overdue: true,
      },
      expect.objectContaining({ kind: 'metrics', dead: 1, overdue: false }),
      expect.objectContaining({ kind: 'render', running: 1, overdue: false }),
    ]);
    expect(health.queue.running.filter((j) => j.kind !== 'retention')).toMatchObject([
      { kind: 'render', leaseExpiresAt: now + MINUTE },
    ]);
    expect(health.ffmpeg).toMatchObject({ found: true, version: expect.stringMatching(/\d/) });
    expect(health.disk).toMatchObject({ freeBytes: 40 * GB, lowBytes: 2 * GB, error: null });
    expect(health.database.path).toBe(world.t.ports.paths.dbFile);
    expect(health.database.sizeBytes).toBeGreaterThan(0);
    expect(health.backup).toEqual({ available: true, lastBackupAt: null });
    expect(health.app).toEqual({
      version: '0.0.0-test',
      mode: 'headless',
      startedAt: started,
      uptimeMs: 30 * MINUTE,
    });

    // Paused: the scheduler holds, and uploads held are never overdue.
    await ok(world.t.engine.invoke('automation:pause', {}));
    await world.job({ kind: 'upload', not_before: now - HOUR });
    const paused = await ok<SystemHealth>(world.t.engine.invoke('statistics:systemHealth', {}));
    expect(paused.scheduler).toMatchObject({ state: 'paused', nextCheckAt: null, stalled: false });
    expect(paused.queue.kinds.find((k) => k.kind === 'upload')).toMatchObject({
      held: true,
      overdue: false,
      waiting: 1,
    });
  });

  it('a free-space reading that fails says why instead of a number', async () => {
    world = await createMonitoringWorld({
      automation: {
        freeBytes: async () => {
          throw new Error('EACCES: permission denied');
        },
      },
    });
    const health = await ok<SystemHealth>(world.t.engine.invoke('statistics:systemHealth', {}));
    expect(health.disk).toMatchObject({
      freeBytes: null,
      error: expect.stringContaining('EACCES: permission denied'),
    });
  });
});

describe('last backup', () => {
  function service(lastBackupAt: () => Promise<number | null>) {
    const clock = new FakeClock();
    const repository = {
      queue: async () => [],
      runningJobs: async () => [],
      nextRun: async () => null,
    } as unknown as HealthRepository;
    return new HealthService({
      repository,
      accounts: { overview: async () => [] },
      scheduler: {
        heartbeat: () => ({
          state: 'running',
          startedAt: clock.now(),
          lastTickAt: clock.now(),
          tickingSince: null,
          nextCheckAt: null,
        }),
      },
      holds: { claimFloor: () => null },
      ffmpeg: {
        locate: async () => ({
          found: false,
          ffmpegPath: null,
          ffprobePath: null,
          version: null,
          source: 'none',
          message: 'ffmpeg was not found.',
        }),
      },
      disk: {
        diskSpace: async () => ({
          dataDir: '/data',
          freeBytes: 10 * GB,
          lowBytes: 2 * GB,
          checkedAt: clock.now(),
          error: null,
        }),
      },
      backups: { lastBackupAt },
      clock,
      logger: silentLogger,
      dbFile: '/nowhere/reelpilot.db',
      app: { version: '1.0.0', mode: 'desktop' },
    });
  }

  it('comes from the backup source when there is one; a failing source reads as none yet', async () => {
    const at = Date.UTC(2026, 0, 14, 3, 0);
    expect((await service(async () => at).systemHealth()).backup).toEqual({
      available: true,
      lastBackupAt: at,
    });
    const failing = service(async () => {
      throw new Error('Drive is unreachable');
    });
    expect((await failing.systemHealth()).backup).toEqual({ available: true, lastBackupAt: null });
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../../shared/domain/accounts';
import type { Calendar } from '../../../shared/domain/calendar';
import type { Config } from '../../../shared/domain/configs';
import { sampleConfig } from '../configs/testing/sample-config';
import {
  createDistributionWorld,
  type DistributionWorld,
} from '../distribution/testing/distribution-world';
import { silentLogger } from '../logging/file-logger';
import { FakeClock } from '../testing/fake-clock';
import { ok } from '../testing/test-engine';
import { CalendarService } from './calendar-service';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('calendar runs', () => {
  // Sunday 29 March 2026, 00:30 UTC: Paris moves its clocks from 02:00 to 03:00 this night.
  const clock = new FakeClock(Date.UTC(2026, 2, 29, 0, 30));
  const config = (overrides: Partial<Config>): Config =>
    ({
      ...sampleConfig({ kind: 'daily', times: ['09:00'] }, 'Europe/Paris'),
      id: 'c1',
      active: true,
      nextRunAt: null,
      lastRun: null,
      createdAt: Date.UTC(2026, 0, 1),
      updatedAt: Date.UTC(2026, 0, 1),
      ...overrides,
    }) as Config;
  const service = (configs: Config[], paused = false) =>
    new CalendarService({
      configs: { list: async () => configs },
      accounts: {
        list: async () =>
          [
            { id: 'a-tiktok', platform: 'tiktok' },
            { id: 'a-x', platform: 'x' },
          ] as Account[],
      },
      settings: { get: async () => ({ timeZone: 'America/New_York' }) },
      distribution: { calendarPosts: async () => [] },
      isPaused: () => paused,
      clock,
      logger: silentLogger,
    });

  it('lists each config’s runs from its own schedule across a DST change, in instants', async () => {
    const base = config({});
    const agenda = await service([
      {
        ...base,
        platforms: {
          ...base.platforms,
          tiktok: { ...base.platforms.tiktok, enabled: true },
          x: { ...base.platforms.x, enabled: false },
        },
        distribution: { ...base.distribution, accountIds: ['a-tiktok', 'a-x', 'gone'] },
      },
    ]).agenda({ from: clock.now() - DAY, to: clock.now() + 3 * DAY });
    expect(agenda.timeZone).toBe('America/New_York');
    expect(agenda.paused).toBe(false);
    // 09:00 in Paris: 08:00 UTC before the change (none left today), 07:00 UTC after it.
    expect(agenda.runs.map((r) => new Date(r.at).toISOString())).toEqual([
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
    ]);
    // Only accounts on enabled platforms; nothing before now.
    expect(agenda.runs[0]).toMatchObject({
      configTimeZone: 'Europe/Paris',
      accountIds: ['a-tiktok'],
      platforms: ['tiktok'],
      videosPerRun: base.distribution.videosPerRun,
    });
  });

  it('leaves out paused configs, cuts configs that run every few minutes, and says when automation is paused', async () => {
    const agenda = await service(
      [
        config({ id: 'off', active: false }),
        config({
          id: 'busy',
          schedule: { ...config({}).schedule, rule: { kind: 'interval', everyMinutes: 5 } },
        }),
      ],
      true,
    ).agenda({ from: clock.now(), to: clock.now() + 7 * DAY });
    expect(agenda.paused).toBe(true);
    expect(agenda.runs.every((r) => r.configId === 'busy')).toBe(true);
    expect(agenda.runs).toHaveLength(500);
    expect(agenda.runsCut).toEqual(['busy']);
  });
});

describe('calendar through the engine', () => {
  let world: DistributionWorld;
  beforeAll(async () => {
    world = await createDistributionWorld();
  }, 30_000);
  afterAll(async () => {
    await world.dispose();
  });

  it('shows the next runs, the posts waiting for their slot and the posts made', async () => {
    const t = world.t;
    await ok(
      t.engine.invoke('configs:create', sampleConfig({ kind: 'hourly', minute: 30 }, 'Asia/Tokyo')),
    );
    const account = world.accounts.tiktok;
    const [posted] = await world.post(['tiktok']);
    await world.waitForState(posted!.id, 'success');
    await world.setMinGap('tiktok', 45);
    const [next, after] = [(await world.post(['tiktok']))[0]!, (await world.post(['tiktok']))[0]!];
    await vi.waitFor(
      async () => expect((await world.target(after.id)).waiting_until).not.toBeNull(),
      { timeout: 8000 },
    );
    const now = world.clock.now();
    const agenda = await ok<Calendar>(
      t.engine.invoke('calendar:agenda', { from: now - HOUR, to: now + 3 * HOUR }),
    );
    expect(agenda.runs.map((r) => r.at - now)).toEqual([30, 90, 150].map((m) => m * 60_000));
    const publishedAt = (await world.target(posted!.id)).published_at!;
    const byId = new Map(agenda.posts.map((p) => [p.targetId, p]));
    expect(byId.get(posted!.id)).toMatchObject({ state: 'posted', at: publishedAt });
    // Lined up behind each other by the 45-minute gap, the reason said.
    expect(byId.get(next.id)).toMatchObject({
      state: 'waiting',
      at: publishedAt + 45 * 60_000,
      reason: 'You asked for at least 45 minutes between posts.',
      accountHandle: account.handle,
      videoTitle: expect.stringMatching(/^Clip/),
    });
    expect(byId.get(after.id)).toMatchObject({ state: 'waiting', at: publishedAt + 90 * 60_000 });

    const refused = await t.engine.invoke(
      'calendar:agenda',
      { from: now, to: now + 90 * DAY },
      { transport: 'http' },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    await world.setMinGap('tiktok', null);
  });
});

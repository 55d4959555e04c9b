import { describe, expect, it, onTestFinished } from 'vitest';
import type { Config, ScheduleRule } from '../../../shared/domain/configs';
import { createTestEngine, ok, type TestEngine } from '../testing/test-engine';
import { sampleConfig } from './testing/sample-config';

/** An engine for one test, closed when the test ends. */
async function engineForTest(): Promise<TestEngine> {
  const t = await createTestEngine();
  onTestFinished(() => t.dispose());
  return t;
}

describe('configs', () => {
  it('creates, reads, lists, updates, pauses, resumes and deletes', async () => {
    const t = await engineForTest();
    const defaults = await ok<{ schedule: { timeZone: string } }>(
      t.engine.invoke('configs:defaults', {}),
    );
    expect(defaults.schedule.timeZone).toBeTruthy();

    const created = await ok<Config>(
      t.engine.invoke(
        'configs:create',
        sampleConfig({ kind: 'daily', times: ['18:00'] }, 'Asia/Tokyo'),
      ),
    );
    // The fake clock starts at 2026-01-15 12:00 UTC = 21:00 in Tokyo: next is tomorrow 18:00 JST.
    expect(created).toMatchObject({
      active: true,
      nextRunAt: Date.parse('2026-01-16T09:00:00Z'),
      lastRun: null,
    });
    expect(t.events.of('configs:changed')).toHaveLength(1);

    const renamed = await ok<Config>(
      t.engine.invoke('configs:update', {
        id: created.id,
        config: { ...sampleConfig({ kind: 'hourly', minute: 15 }, 'UTC'), name: 'Renamed' },
      }),
    );
    expect(renamed).toMatchObject({
      name: 'Renamed',
      nextRunAt: Date.parse('2026-01-15T12:15:00Z'),
    });

    const paused = await ok<Config>(
      t.engine.invoke('configs:setActive', { id: created.id, active: false }),
    );
    expect(paused).toMatchObject({ active: false, nextRunAt: null });
    t.clock.advance(3 * 3_600_000);
    const resumed = await ok<Config>(
      t.engine.invoke('configs:setActive', { id: created.id, active: true }),
    );
    expect(resumed).toMatchObject({ active: true, nextRunAt: Date.parse('2026-01-15T15:15:00Z') });

    expect(await ok<Config[]>(t.engine.invoke('configs:list', {}))).toHaveLength(1);
    expect(await ok(t.engine.invoke('configs:delete', { id: created.id }))).toEqual({
      deleted: true,
    });
    expect(await t.engine.invoke('configs:get', { id: created.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('refuses an invalid config with field messages and saves nothing', async () => {
    const t = await engineForTest();
    const input = sampleConfig({ kind: 'cron', expression: '* * *' });
    const result = await t.engine.invoke('configs:create', input);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', details: { issues: [{ path: 'schedule.rule.expression' }] } },
    });
    expect(await ok<Config[]>(t.engine.invoke('configs:list', {}))).toEqual([]);
    const preview = await ok<{ occurrences: number[] }>(
      t.engine.invoke('configs:previewSchedule', {
        schedule: { ...input.schedule, rule: { kind: 'interval', everyMinutes: 30 } },
        count: 3,
      }),
    );
    expect(preview.occurrences).toEqual([
      Date.parse('2026-01-15T12:30:00Z'),
      Date.parse('2026-01-15T13:00:00Z'),
      Date.parse('2026-01-15T13:30:00Z'),
    ]);
  });

  it('refuses a name another config has, ignoring case and spaces, on the name field', async () => {
    const t = await engineForTest();
    const rule: ScheduleRule = { kind: 'daily', times: ['09:00'] };
    const first = await ok<Config>(
      t.engine.invoke('configs:create', { ...sampleConfig(rule), name: 'Beach days' }),
    );
    const message =
      'A config named “Beach days” already exists. Choose another name, so the lists, history and posts can tell them apart.';
    expect(
      await t.engine.invoke('configs:create', { ...sampleConfig(rule), name: ' beach DAYS ' }),
    ).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message, details: { issues: [{ path: 'name', message }] } },
    });
    const second = await ok<Config>(
      t.engine.invoke('configs:create', { ...sampleConfig(rule), name: 'Harbour' }),
    );
    expect(
      await t.engine.invoke('configs:update', {
        id: second.id,
        config: { ...sampleConfig(rule), name: 'Beach Days' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message } });
    // A config keeps its own name when saved again.
    await ok(t.engine.invoke('configs:update', { id: first.id, config: sampleConfig(rule) }));
    expect((await ok<Config[]>(t.engine.invoke('configs:list', {}))).map((c) => c.name)).toEqual([
      'Beach days',
      'Harbour',
    ]);
  });

  it('keeps no title for platforms that have none, and starts new configs with nothing to post', async () => {
    const t = await engineForTest();
    const input = sampleConfig({ kind: 'daily', times: ['09:00'] });
    input.platforms.x = { ...input.platforms.x, titleTemplate: '{title}' };
    const created = await ok<Config>(t.engine.invoke('configs:create', input));
    expect(created.platforms.x.titleTemplate).toBe('');
    const defaults = await ok<Config>(t.engine.invoke('configs:defaults', {}));
    expect(defaults.content.textOverlay).toMatchObject({ enabled: false, template: '' });
    for (const platform of Object.values(defaults.platforms)) {
      expect(platform).toMatchObject({ titleTemplate: '', captionTemplate: '', privacy: 'public' });
    }
    expect(defaults.distribution.mode).toBe('crossPost');
  });
});

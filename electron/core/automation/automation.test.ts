import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AutomationStatus } from '../../../shared/domain/automation';
import type { ConfigRun } from '../../../shared/domain/configs';
import { sampleConfig } from '../configs/testing/sample-config';
import { createGenerationEngine, type GenerationEngine } from '../runs/testing/generation-engine';
import { FakeClock } from '../testing/fake-clock';

let t: GenerationEngine | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const HOUR = 3_600_000;

async function ok<T>(engine: GenerationEngine, channel: string, input: unknown = {}): Promise<T> {
  const result = await engine.engine.invoke(channel, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

async function history(engine: GenerationEngine): Promise<ConfigRun[]> {
  return (await ok<ConfigRun[]>(engine, 'configs:history', { limit: 50 })).slice().reverse();
}

describe('pause all automation', () => {
  it('survives a restart, holds the schedule, and resuming gives one catch-up run', async () => {
    const clock = new FakeClock(Date.parse('2026-01-15T08:30:00Z'));
    t = await createGenerationEngine({ clock });
    const config = await ok<{ id: string }>(
      t,
      'configs:create',
      sampleConfig({ kind: 'hourly', minute: 0 }),
    );
    const paused = await ok<AutomationStatus>(t, 'automation:pause');
    expect(paused).toMatchObject({ paused: true, pausedAt: clock.now(), state: 'paused' });

    const dataDir = t.dataDir;
    await t.engine.close();
    t = await createGenerationEngine({ clock, dataDir });
    expect(await ok<AutomationStatus>(t, 'automation:status')).toMatchObject({
      paused: true,
      pausedAt: Date.parse('2026-01-15T08:30:00Z'),
    });

    // Three hourly occurrences pass while paused: none starts, "check now" included.
    await t.walk(3 * HOUR);
    expect(await ok(t, 'configs:checkDue')).toMatchObject({ started: [] });
    expect(await history(t)).toEqual([]);

    const resumed = await ok<AutomationStatus>(t, 'automation:resume');
    expect(resumed).toMatchObject({ paused: false, pausedAt: null });
    await vi.waitFor(
      async () => expect((await history(t as GenerationEngine))[0]?.state).toBe('succeeded'),
      { timeout: 15_000, interval: 50 },
    );
    const runs = await history(t);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      configId: config.id,
      trigger: 'catchUp',
      missedCount: 2,
      scheduledFor: Date.parse('2026-01-15T11:00:00Z'),
    });
    await t.walk(HOUR);
    await vi.waitFor(async () => expect(await history(t as GenerationEngine)).toHaveLength(2));
  });

  it('Run now still renders while paused, and the status shows it', async () => {
    t = await createGenerationEngine({ start: Date.parse('2026-01-15T08:30:00Z') });
    const config = await ok<{ id: string }>(
      t,
      'configs:create',
      sampleConfig({ kind: 'daily', times: ['14:00'] }),
    );
    await ok(t, 'automation:updatePreferences', { favouriteConfigIds: [config.id, 'gone'] });
    await ok(t, 'automation:pause');
    let release: () => void = () => {};
    t.renderer.gate = new Promise<void>((resolve) => (release = resolve));
    await ok(t, 'configs:executeNow', { id: config.id });

    await vi.waitFor(async () => {
      const status = await ok<AutomationStatus>(t as GenerationEngine, 'automation:status');
      expect(status.renders).toMatchObject([{ configId: config.id, configName: 'Beach days' }]);
    });
    const status = await ok<AutomationStatus>(t, 'automation:status');
    expect(status).toMatchObject({
      state: 'paused',
      nextRuns: [{ configId: config.id, at: Date.parse('2026-01-15T14:00:00Z') }],
      favourites: [{ configId: config.id, name: 'Beach days' }],
      keepAwake: true,
      timeZone: expect.any(String),
    });
    release();
    await vi.waitFor(
      async () => expect((await history(t as GenerationEngine))[0]?.state).toBe('succeeded'),
      { timeout: 15_000, interval: 50 },
    );
    await vi.waitFor(async () => {
      const after = await ok<AutomationStatus>(t as GenerationEngine, 'automation:status');
      expect(after).toMatchObject({ renders: [], keepAwake: false, state: 'paused' });
    });
  });

  it('is idle with nothing to do, and pushes its status when work changes', async () => {
    t = await createGenerationEngine({ start: Date.parse('2026-01-15T08:30:00Z') });
    expect(await ok<AutomationStatus>(t, 'automation:status')).toMatchObject({
      state: 'idle',
      renders: [],
      uploads: [],
      nextRuns: [],
      attention: [],
    });
    const before = t.events.of('automation:status').length;
    await ok(t, 'configs:create', sampleConfig({ kind: 'daily', times: ['14:00'] }));
    await t.walk(1_000, 1_000);
    await vi.waitFor(() =>
      expect(t?.events.of('automation:status').length).toBeGreaterThan(before),
    );
    expect(t.events.of('automation:status').at(-1)?.nextRuns).toHaveLength(1);
  });

  it('keeps its preferences and refuses bad ones with words', async () => {
    t = await createGenerationEngine();
    const saved = await ok(t, 'automation:updatePreferences', {
      notifications: { lowDisk: false },
      lowDiskGb: 5,
      keepAwake: false,
    });
    expect(saved).toMatchObject({
      notifications: { postFailed: true, lowDisk: false },
      lowDiskGb: 5,
      keepAwake: false,
    });
    const bad = await t.engine.invoke('automation:updatePreferences', { lowDiskGb: 0 });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('at least 0.5 GB') },
    });
  });
});

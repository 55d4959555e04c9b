import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConfigRun } from '../../../shared/domain/configs';
import { sampleConfig } from '../configs/testing/sample-config';
import { FakeClock } from '../testing/fake-clock';
import { createGenerationEngine, type GenerationEngine } from './testing/generation-engine';

let t: GenerationEngine | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

const HOUR = 3_600_000;
const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

async function history(engine: GenerationEngine): Promise<ConfigRun[]> {
  const result = await engine.engine.invoke('configs:history', { limit: 200 });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as ConfigRun[]).slice().reverse();
}

async function create(engine: GenerationEngine, input: ReturnType<typeof sampleConfig>) {
  const result = await engine.engine.invoke('configs:create', input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as { id: string; nextRunAt: number | null };
}

async function settled(engine: GenerationEngine, runs: number) {
  await vi.waitFor(
    async () => {
      const all = await history(engine);
      expect(all).toHaveLength(runs);
      expect(all.every((run) => run.state === 'succeeded')).toBe(true);
    },
    { timeout: 15_000, interval: 50 },
  );
}

describe('scheduler', () => {
  it('runs on time, and three days asleep give a single catch-up run', async () => {
    t = await createGenerationEngine({ start: Date.parse('2026-01-15T08:30:00Z') });
    const config = await create(t, sampleConfig({ kind: 'hourly', minute: 0 }));
    expect(iso(config.nextRunAt)).toBe('2026-01-15T09:00:00.000Z');

    await t.walk(HOUR);
    await settled(t, 1);
    expect((await history(t))[0]).toMatchObject({ trigger: 'schedule', missedCount: 0 });

    // Asleep for three days: no timer fires, then the machine wakes up.
    t.clock.jump(3 * 24 * HOUR);
    t.power.resume();
    await settled(t, 2);
    const catchUp = (await history(t))[1] as ConfigRun;
    expect(catchUp).toMatchObject({ trigger: 'catchUp', missedCount: 71 });
    expect(iso(catchUp.scheduledFor)).toBe('2026-01-18T09:00:00.000Z');
    const after = await t.engine.invoke('configs:get', { id: config.id });
    expect(after).toMatchObject({
      ok: true,
      value: { nextRunAt: Date.parse('2026-01-18T10:00:00Z') },
    });

    await t.walk(20 * 60_000);
    expect(await history(t)).toHaveLength(2);
  });

  it('notices a wall-clock jump without a resume event', async () => {
    t = await createGenerationEngine({ start: Date.parse('2026-01-15T08:30:00Z') });
    await create(t, sampleConfig({ kind: 'daily', times: ['09:00', '21:00'] }));
    t.clock.jump(3 * 24 * HOUR);
    await t.walk(60_000);
    await settled(t, 1);
    const [run] = await history(t);
    expect(run).toMatchObject({ trigger: 'catchUp', missedCount: 5 });
    expect(iso(run?.scheduledFor ?? null)).toBe(
      '2026-01-18T00:00:00.000Z'.replace('00:00', '21:00').replace('18T', '17T'),
    );
  });

  it('follows daylight saving in the config zone (Paris, daily at 02:30)', async () => {
    t = await createGenerationEngine({ start: Date.parse('2026-03-27T12:00:00Z') });
    await create(t, sampleConfig({ kind: 'daily', times: ['02:30'] }, 'Europe/Paris'));
    await t.walk(3 * 24 * HOUR, 5 * 60_000);
    await settled(t, 3);
    const runs = await history(t);
    expect(runs.map((run) => iso(run.scheduledFor))).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    expect(runs.every((run) => run.trigger === 'schedule')).toBe(true);
  });

  it('follows daylight saving in the config zone (New York, hourly as the clocks go back)', async () => {
    t = await createGenerationEngine({ start: Date.parse('2026-11-01T04:10:00Z') });
    await create(t, sampleConfig({ kind: 'hourly', minute: 30 }, 'America/New_York'));
    await t.walk(3 * HOUR + 40 * 60_000, 5 * 60_000);
    await settled(t, 4);
    expect((await history(t)).map((run) => iso(run.scheduledFor))).toEqual([
      '2026-11-01T04:30:00.000Z', // 00:30 EDT
      '2026-11-01T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T06:30:00.000Z', // 01:30 EST, the repeated hour
      '2026-11-01T07:30:00.000Z', // 02:30 EST
    ]);
  });

  it('"check now" starts what is due, once', async () => {
    t = await createGenerationEngine({ start: Date.parse('2026-01-15T08:59:00Z') });
    await t.engine.services.scheduler.stop();
    await create(t, sampleConfig({ kind: 'daily', times: ['09:00'] }));
    t.clock.jump(2 * 60_000);
    const first = await t.engine.invoke('configs:checkDue', {});
    expect(first).toMatchObject({ ok: true, value: { started: [{ trigger: 'schedule' }] } });
    const second = await t.engine.invoke('configs:checkDue', {});
    expect(second).toMatchObject({ ok: true, value: { started: [] } });
    await settled(t, 1);
  });

  it('a restart in the middle of a run does not start the occurrence again', async () => {
    const clock = new FakeClock(Date.parse('2026-01-15T08:59:00Z'));
    t = await createGenerationEngine({ clock });
    const dataDir = t.dataDir;
    let release: () => void = () => {};
    t.renderer.gate = new Promise<void>((resolve) => (release = resolve));
    await create(t, sampleConfig({ kind: 'daily', times: ['09:00'] }));
    await t.walk(2 * 60_000);
    await vi.waitFor(async () => {
      const [run] = await history(t as GenerationEngine);
      expect(run?.videos[0]?.state).toBe('rendering');
    });
    // The app stops while the video renders (the render is cut short and goes back to the queue).
    await t.engine.close();
    release();

    t = await createGenerationEngine({ clock, dataDir });
    await t.walk(60_000);
    await settled(t, 1);
    const [run] = await history(t);
    expect(run).toMatchObject({ trigger: 'schedule', state: 'succeeded' });
    expect(run?.videos).toHaveLength(1);
    expect(run?.videos[0]).toMatchObject({ state: 'rendered' });
    const jobs = await t.engine.invoke('jobs:list', { kind: 'render', limit: 10 });
    expect(jobs).toMatchObject({
      ok: true,
      value: [{ kind: 'render', state: 'succeeded', attempts: 1 }],
    });
    await t.walk(HOUR);
    expect(await history(t)).toHaveLength(1);
    const { rmSync } = await import('node:fs');
    await t.dispose();
    t = null;
    rmSync(dataDir, { recursive: true, force: true });
  });
});

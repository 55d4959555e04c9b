import { afterEach, describe, expect, it } from 'vitest';
import { createTestEngine, type TestEngine } from '../testing/test-engine';

let t: TestEngine;
afterEach(async () => t?.dispose());

describe('settings', () => {
  it('starts from defaults and keeps what is saved', async () => {
    t = await createTestEngine();
    const initial = await t.engine.invoke('settings:get', {});
    expect(initial).toMatchObject({
      ok: true,
      value: { theme: 'system', ffmpegPath: null, startAtLogin: false },
    });

    const saved = await t.engine.invoke('settings:update', {
      theme: 'dark',
      timeZone: 'Europe/Paris',
    });
    expect(saved).toMatchObject({ ok: true, value: { theme: 'dark', timeZone: 'Europe/Paris' } });
    expect(t.events.of('settings:changed')).toHaveLength(1);

    const dataDir = t.dataDir;
    await t.engine.close();
    const reopened = await createTestEngine({ dataDir });
    expect(await reopened.engine.invoke('settings:get', {})).toMatchObject({
      ok: true,
      value: { theme: 'dark', timeZone: 'Europe/Paris' },
    });
    await reopened.dispose();
  });

  it('refuses an unknown time zone with a message a person understands', async () => {
    t = await createTestEngine();
    const result = await t.engine.invoke('settings:update', { timeZone: 'Mars/Olympus' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_INPUT');
    expect(result.error.message).toContain('Unknown time zone');
    expect(await t.engine.invoke('settings:get', {})).toMatchObject({
      ok: true,
      value: { theme: 'system' },
    });
  });

  it('refuses start at login without the desktop shell, and applies it with one', async () => {
    t = await createTestEngine();
    const refused = await t.engine.invoke('settings:update', { startAtLogin: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    await t.dispose();

    const applied: boolean[] = [];
    t = await createTestEngine({
      desktop: { setStartAtLogin: (v) => void applied.push(v), openExternal: async () => {} },
    });
    expect(await t.engine.invoke('settings:update', { startAtLogin: true })).toMatchObject({
      ok: true,
    });
    expect(applied).toEqual([true]);
  });

  it('refuses an ffmpeg path that is not a runnable program', async () => {
    t = await createTestEngine();
    const result = await t.engine.invoke('settings:update', { ffmpegPath: '/no/such/ffmpeg' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', details: { issues: [{ path: 'ffmpegPath' }] } },
    });
  });

  it('falls back to the default when a stored value no longer validates', async () => {
    t = await createTestEngine();
    t.engine.database.raw
      .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('theme', '\"purple\"', 0)")
      .run();
    expect(await t.engine.invoke('settings:get', {})).toMatchObject({
      ok: true,
      value: { theme: 'system' },
    });
  });
});

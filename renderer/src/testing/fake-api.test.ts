import { describe, expect, it } from 'vitest';
import { badInput, createFakeApi } from './fake-api';
import { someSettings } from './fixtures';

describe('the fake Api', () => {
  it('answers from its handlers and records every call', async () => {
    const api = createFakeApi({ 'settings:get': () => someSettings() });
    expect(await api.invoke('settings:get', {})).toEqual({ ok: true, value: someSettings() });
    expect(api.calls).toEqual([{ channel: 'settings:get', input: {} }]);
    expect(api.problems).toEqual([]);
  });

  it('refuses what the contract refuses, as the engine does, before any handler runs', async () => {
    let ran = false;
    const api = createFakeApi({
      'settings:update': () => {
        ran = true;
        return someSettings();
      },
    });
    const answer = await api.invoke('settings:update', { timeZone: '' });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('BAD_INPUT');
    expect(answer.error.message).toBe('timeZone: Choose a time zone.');
    expect(answer.error.details).toHaveProperty(['issues', 0, 'path'], 'timeZone');
    expect(ran).toBe(false);
  });

  it('answers a thrown engine error with its code and words', async () => {
    const api = createFakeApi({
      'settings:update': () => {
        throw badInput({ ffmpegPath: 'Not there.' });
      },
    });
    const answer = await api.invoke('settings:update', { ffmpegPath: '/x' });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: 'ffmpegPath: Not there.',
        details: { issues: [{ path: 'ffmpegPath', message: 'Not there.' }] },
      },
    });
  });

  it('reports what a test got wrong: a missing handler, an answer or event off the contract', async () => {
    const api = createFakeApi({
      'app:info': () => ({ name: 'ReelPilot' }) as never,
    });
    await api.invoke('settings:get', {});
    expect((await api.invoke('app:info', {})).ok).toBe(false);
    let heard = 0;
    api.on('settings:changed', () => (heard += 1));
    api.emit('settings:changed', { theme: 'neon' } as never);
    expect(heard).toBe(0);
    expect(api.problems).toHaveLength(3);
    api.emit('settings:changed', someSettings());
    expect(heard).toBe(1);
  });
});

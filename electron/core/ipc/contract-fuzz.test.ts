import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, contract, type Channel } from '../../../shared/contract';
import { createTestEngine, type TestEngine } from '../testing/test-engine';

/** A small deterministic generator so a failure can be replayed from its seed. */
function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nasty = [
  '',
  ' ',
  'a',
  '../../etc/passwd',
  '/',
  'Europe/Paris',
  'dark',
  'light',
  'system',
  "'; DROP TABLE settings; --",
  '\u0000',
  '%s%n',
  '😀',
  'x'.repeat(5000),
  'https://example.com',
  'javascript:alert(1)',
  'file:///etc/passwd',
  '__proto__',
  'constructor',
];
const keys = [
  'theme',
  'timeZone',
  'ffmpegPath',
  'startAtLogin',
  'target',
  'url',
  'path',
  'id',
  '__proto__',
  'constructor',
  'value',
  '',
];

function randomValue(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * (depth > 2 ? 7 : 10));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return next() < 0.5;
    case 3:
      return [0, -1, 1.5, Number.MAX_SAFE_INTEGER, 1e308, -0][Math.floor(next() * 6)];
    case 4:
    case 5:
    case 6:
      return nasty[Math.floor(next() * nasty.length)];
    case 7:
      return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      const count = Math.floor(next() * 4);
      for (let i = 0; i < count; i += 1)
        object[keys[Math.floor(next() * keys.length)] ?? 'k'] = randomValue(next, depth + 1);
      return object;
    }
  }
}

/** Valid inputs to mutate, so the fuzzer also reaches the handlers, not only the validator. */
const seeds: Partial<Record<Channel, unknown[]>> = {
  'settings:update': [
    { theme: 'dark' },
    { timeZone: 'Asia/Tokyo' },
    { ffmpegPath: null },
    { theme: 'light', timeZone: 'UTC' },
  ],
  'settings:checkFfmpeg': [{}, { path: null }, { path: '/nonexistent' }],
  'app:relocateData': [{ target: 'relative' }],
  'app:openExternal': [{ url: 'https://example.com' }],
};

function mutate(next: () => number, seed: unknown): unknown {
  if (typeof seed !== 'object' || seed === null) return randomValue(next);
  const copy: Record<string, unknown> = { ...(seed as Record<string, unknown>) };
  const action = Math.floor(next() * 4);
  const key =
    Object.keys(copy)[Math.floor(next() * Object.keys(copy).length)] ??
    keys[Math.floor(next() * keys.length)] ??
    'k';
  if (action === 0) delete copy[key];
  else if (action === 1) copy[key] = randomValue(next);
  else if (action === 2) copy[keys[Math.floor(next() * keys.length)] ?? 'k'] = randomValue(next);
  return copy;
}

let t: TestEngine;
beforeAll(async () => {
  t = await createTestEngine();
});
afterAll(async () => t.dispose());

describe('contract fuzz', () => {
  it('answers thousands of random and malformed payloads with BAD_INPUT or a valid output', async () => {
    const next = rng(20261124);
    const perChannel = Math.max(200, Math.ceil(3000 / channelNames.length));
    const tally = { badInput: 0, ok: 0, other: 0 };
    for (const channel of channelNames) {
      for (let i = 0; i < perChannel; i += 1) {
        const channelSeeds = seeds[channel];
        const payload =
          channelSeeds && next() < 0.5
            ? mutate(next, channelSeeds[Math.floor(next() * channelSeeds.length)])
            : randomValue(next);
        const inputValid = contract[channel].input.safeParse(payload).success;
        const result = await t.engine.invoke(channel, payload);
        if (result.ok) {
          expect(inputValid, `${channel} accepted ${JSON.stringify(payload)}`).toBe(true);
          expect(contract[channel].output.safeParse(result.value).success).toBe(true);
          tally.ok += 1;
        } else if (result.error.code === 'BAD_INPUT') {
          expect(result.error.message.length).toBeGreaterThan(0);
          tally.badInput += 1;
        } else {
          // A valid request may still be refused for a reason of the domain, never by a crash.
          expect(
            inputValid,
            `${channel} answered ${result.error.code} to ${JSON.stringify(payload)}`,
          ).toBe(true);
          expect(['INTERNAL', 'UNKNOWN_CHANNEL']).not.toContain(result.error.code);
          tally.other += 1;
        }
      }
    }
    expect(tally.badInput + tally.ok + tally.other).toBeGreaterThanOrEqual(3000);
    expect(tally.badInput).toBeGreaterThan(0);
    expect(tally.ok).toBeGreaterThan(0);
    expect(t.engine.database.raw.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses channels the contract does not name', async () => {
    for (const name of [
      'settings:drop',
      '',
      '__proto__',
      'constructor',
      'toString',
      'settings:get ',
    ])
      expect(await t.engine.invoke(name, {})).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL' },
      });
  });
});

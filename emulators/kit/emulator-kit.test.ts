import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, TokenRegistry, type RunningEmulator } from './emulator-kit';

let emulator: RunningEmulator | null = null;
afterEach(async () => {
  await emulator?.close();
  emulator = null;
});

describe('emulator kit', () => {
  it('routes requests and fails them when a fault is armed, in process or over HTTP', async () => {
    emulator = await startEmulator({
      name: 'demo',
      routes: [
        {
          name: 'demo.echo',
          method: 'POST',
          path: /^\/echo$/,
          handle: async (c) => c.send(200, { got: await c.json() }),
        },
      ],
      state: () => ({ hello: 'world' }),
    });
    const call = () =>
      fetch(`${emulator!.baseUrl}/echo`, { method: 'POST', body: JSON.stringify({ a: 1 }) });
    expect(await (await call()).json()).toEqual({ got: { a: 1 } });

    emulator.faults.arm('demo.echo', {
      type: 'status',
      status: 429,
      headers: { 'retry-after': '7' },
    });
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await call()).status).toBe(200);

    await fetch(`${emulator.baseUrl}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({
        route: 'demo.echo',
        fault: { type: 'status', status: 503 },
        times: 2,
      }),
    });
    expect((await call()).status).toBe(503);
    expect((await call()).status).toBe(503);
    expect((await call()).status).toBe(200);

    await fetch(`${emulator.baseUrl}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ route: 'demo.echo', fault: { type: 'status', status: 500 }, skip: 1 }),
    });
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(500);
    expect((await call()).status).toBe(200);

    emulator.faults.arm('demo.echo', { type: 'drop' });
    await expect(call()).rejects.toThrow();

    const state = (await (await fetch(`${emulator.baseUrl}/__emulator/state`)).json()) as {
      state: unknown;
      requests: unknown[];
    };
    expect(state.state).toEqual({ hello: 'world' });
    expect(state.requests.length).toBe(10);
  });

  it('issues, expires, rotates and revokes tokens', () => {
    let now = 1_000;
    const tokens = new TokenRegistry({
      accessTtlMs: 100,
      refreshTtlMs: 1_000,
      rotateRefresh: true,
      now: () => now,
    });
    const issued = tokens.issue('acct', ['video.upload']);
    expect(tokens.checkAccess(`Bearer ${issued.accessToken}`)).toEqual({ token: issued });
    now += 100;
    expect(tokens.checkAccess(`Bearer ${issued.accessToken}`)).toEqual({ error: 'expired' });
    const rotated = tokens.refresh(issued.refreshToken);
    expect(rotated?.refreshToken).not.toBe(issued.refreshToken);
    expect(tokens.refresh(issued.refreshToken)).toBeNull();
    tokens.revokeAccount('acct');
    expect(tokens.refresh(rotated!.refreshToken)).toBeNull();
    expect(tokens.checkAccess(undefined)).toEqual({ error: 'missing' });
  });
});

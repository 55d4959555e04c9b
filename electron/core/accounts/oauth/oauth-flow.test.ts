import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, ConnectStart } from '../../../../shared/domain/accounts';
import { platformIds, type PlatformId } from '../../../../shared/domain/platforms';
import { memorySecretStore } from '../../testing/test-engine';
import {
  connect,
  createAccountsWorld,
  invokeOk,
  playBrowser,
  type AccountsWorld,
} from '../testing/accounts-test-kit';

let world: AccountsWorld;
beforeEach(async () => {
  world = await createAccountsWorld();
});
afterEach(async () => {
  await world.dispose();
});

const expectedHandles: Record<PlatformId, string[]> = {
  youtube: ['@reelpilotsandbox'],
  tiktok: ['reelpilot.sandbox'],
  instagram: ['@reelpilot.sandbox'],
  facebook: ['ReelPilot Sandbox Page', 'Second Sandbox Page'],
  x: ['@reelpilot_sbx'],
};

describe('connecting with PKCE through a loopback listener', () => {
  it.each(platformIds)('connects %s end to end', async (platform) => {
    const start = await connect(world, platform);
    expect(start.openedExternally).toBe(false);
    expect(start.status).toBe(200);
    expect(start.page).toContain('connected');

    const url = new URL(start.authorizeUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')?.length).toBeGreaterThan(20);
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    const accounts = await invokeOk<Account[]>(world.t, 'accounts:list', {});
    expect(accounts.map((a) => a.handle).sort()).toEqual([...expectedHandles[platform]].sort());
    for (const account of accounts) {
      expect(account.platform).toBe(platform);
      expect(account.status).toBe('active');
      expect(account.token.scopes.length).toBeGreaterThan(0);
      expect(account.token.protectedBy).toBe('memory (tests)');
      expect(JSON.stringify(account)).not.toMatch(/"at_|"rt_/);
    }
    const progress = world.t.events.of('accounts:connectProgress').map((p) => p.stage);
    expect(progress).toEqual(['waiting', 'exchanging', 'connected']);

    // Tokens are only in the secret store, never in a column.
    const secrets = world.t.ports.secrets as ReturnType<typeof memorySecretStore>;
    const stored = [...secrets.values.entries()].filter(([key]) => key.startsWith('accounts/'));
    expect(stored).toHaveLength(accounts.length);
    const rows = world.t.engine.database.raw.prepare('SELECT * FROM accounts').all();
    expect(JSON.stringify(rows)).not.toMatch(/at_|rt_/);
  });

  it('connecting the same account again updates it instead of adding a second one', async () => {
    await connect(world, 'x');
    await connect(world, 'x');
    expect(await invokeOk<Account[]>(world.t, 'accounts:list', {})).toHaveLength(1);
  });

  it('refuses an answer with the wrong state and keeps waiting for the right one', async () => {
    const start = await invokeOk<ConnectStart>(world.t, 'accounts:connect', {
      platform: 'youtube',
    });
    const redirect = new URL(new URL(start.authorizeUrl).searchParams.get('redirect_uri')!);
    redirect.searchParams.set('code', 'stolen');
    redirect.searchParams.set('state', 'forged');
    const forged = await fetch(redirect);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('state does not match');

    const { status } = await playBrowser(start.authorizeUrl);
    expect(status).toBe(200);
    expect(await invokeOk<Account[]>(world.t, 'accounts:list', {})).toHaveLength(1);
  });

  it('says so in the browser and in the app when the person declines', async () => {
    world.emulators.emulators.tiktok.state.auth.deny = true;
    const start = await invokeOk<ConnectStart>(world.t, 'accounts:connect', { platform: 'tiktok' });
    const { status, page } = await playBrowser(start.authorizeUrl);
    expect(status).toBe(400);
    expect(page).toContain('You declined access');
    const last = world.t.events.of('accounts:connectProgress').at(-1);
    expect(last).toMatchObject({ stage: 'failed', flowId: start.flowId });
    expect(await invokeOk<Account[]>(world.t, 'accounts:list', {})).toHaveLength(0);
  });

  it('times out, and a late answer is refused', async () => {
    const start = await invokeOk<ConnectStart>(world.t, 'accounts:connect', { platform: 'x' });
    world.clock.advance(5 * 60_000);
    expect(world.t.events.of('accounts:connectProgress').at(-1)).toMatchObject({ stage: 'failed' });
    expect(world.t.events.of('accounts:connectProgress').at(-1)?.message).toContain('timed out');
    await expect(playBrowser(start.authorizeUrl)).rejects.toThrow();
  });

  it('can be cancelled', async () => {
    const start = await invokeOk<ConnectStart>(world.t, 'accounts:connect', { platform: 'x' });
    expect(await invokeOk(world.t, 'accounts:cancelConnect', { flowId: start.flowId })).toEqual({
      cancelled: true,
    });
    expect(world.t.events.of('accounts:connectProgress').at(-1)).toMatchObject({
      stage: 'cancelled',
    });
  });

  it('explains missing app credentials', async () => {
    await world.t.engine.services.accounts.apps.save({
      platform: 'tiktok',
      clientId: 'key',
      clientSecret: null,
    });
    const result = await world.t.engine.invoke('accounts:connect', { platform: 'tiktok' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!result.ok && result.error.message).toContain('client secret');
  });
});

describe('an unencrypted secret store', () => {
  it('requires explicit consent before connecting', async () => {
    await world.dispose();
    const insecure = {
      ...memorySecretStore(),
      info: () => ({ backend: 'safeStorage (basic_text)', secure: false }),
    };
    world = await createAccountsWorld({ secrets: insecure });
    const refused = await world.t.engine.invoke('accounts:connect', { platform: 'x' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { needsConsent: true } },
    });
    const start = await invokeOk<ConnectStart>(world.t, 'accounts:connect', {
      platform: 'x',
      allowInsecureStorage: true,
    });
    expect((await playBrowser(start.authorizeUrl)).status).toBe(200);
    const [account] = await invokeOk<Account[]>(world.t, 'accounts:list', {});
    expect(account?.token.secure).toBe(false);

    const secret = { platform: 'youtube', clientId: 'id', clientSecret: 'shh' } as const;
    expect(await world.t.engine.invoke('accounts:saveCredentials', secret)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await invokeOk(world.t, 'accounts:saveCredentials', {
        ...secret,
        allowInsecureStorage: true,
      }),
    ).toMatchObject({ hasSecret: true });
  });
});

describe('in the desktop app', () => {
  it('opens the authorize URL in the system browser', async () => {
    await world.dispose();
    const opened: string[] = [];
    world = await createAccountsWorld({
      desktop: { setStartAtLogin: () => {}, openExternal: async (url) => void opened.push(url) },
    });
    const start = await invokeOk<ConnectStart>(world.t, 'accounts:connect', {
      platform: 'youtube',
    });
    expect(start.openedExternally).toBe(true);
    expect(opened).toEqual([start.authorizeUrl]);
    await invokeOk(world.t, 'accounts:cancelConnect', { flowId: start.flowId });
  });
});

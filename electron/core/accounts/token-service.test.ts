import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account, ConnectionTest } from '../../../shared/domain/accounts';
import type { PlatformId } from '../../../shared/domain/platforms';
import { type memorySecretStore } from '../testing/test-engine';
import {
  connect,
  createAccountsWorld,
  invokeOk,
  type AccountsWorld,
} from './testing/accounts-test-kit';
import { TokenError } from './token-service';
import { tokenSetSchema } from './providers/provider';

let world: AccountsWorld;
beforeEach(async () => {
  world = await createAccountsWorld();
});
afterEach(async () => {
  await world.dispose();
});

const HOUR = 3_600_000;

async function connected(platform: PlatformId): Promise<Account> {
  await connect(world, platform);
  const accounts = await invokeOk<Account[]>(world.t, 'accounts:list', {});
  return accounts.find((a) => a.platform === platform)!;
}

function storedTokens(accountId: string) {
  const secrets = world.t.ports.secrets as ReturnType<typeof memorySecretStore>;
  return tokenSetSchema.parse(JSON.parse(secrets.values.get(`accounts/${accountId}/tokens`)!));
}

const service = () => world.t.engine.services.accounts;

describe('access tokens', () => {
  it('hands out the stored token while it is fresh, and refreshes ahead of expiry', async () => {
    const account = await connected('youtube');
    const first = storedTokens(account.id);
    expect(await service().getAccessToken(account.id)).toBe(first.accessToken);

    world.clock.advance(HOUR - 5 * 60_000); // five minutes before expiry: inside the margin
    const renewed = await service().getAccessToken(account.id);
    expect(renewed).not.toBe(first.accessToken);
    expect(storedTokens(account.id).refreshToken).toBe(first.refreshToken); // Google keeps it
    const listed = (await invokeOk<Account[]>(world.t, 'accounts:list', {}))[0]!;
    expect(listed.token.accessExpiresAt).toBe(world.clock.now() + HOUR);
  });

  it('stores every rotated refresh token, and concurrent callers share one refresh', async () => {
    const account = await connected('tiktok');
    const first = storedTokens(account.id);
    world.clock.advance(24 * HOUR);
    const tokens = await Promise.all([1, 2, 3].map(() => service().getAccessToken(account.id)));
    expect(new Set(tokens).size).toBe(1);
    const second = storedTokens(account.id);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    // The emulator now refuses the old refresh token: only the stored one works.
    expect(
      world.emulators.emulators.tiktok.state.auth.tokens.refresh(first.refreshToken!),
    ).toBeNull();

    world.clock.advance(24 * HOUR);
    await service().getAccessToken(account.id);
    expect(storedTokens(account.id).refreshToken).not.toBe(second.refreshToken);
    expect((await service().canPostNow(account.id)).allowed).toBe(true);
  });

  it('renews tokens in the background before they expire', async () => {
    const account = await connected('youtube');
    const first = storedTokens(account.id).accessToken;
    world.clock.advance(45 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(storedTokens(account.id).accessToken).toBe(first);
    world.clock.advance(5 * 60_000); // the sweep at 50 minutes finds it inside the margin
    await vi.waitFor(() => expect(storedTokens(account.id).accessToken).not.toBe(first));
  });

  it.each([
    ['a 5xx', { type: 'status', status: 503 } as const, 'transient'],
    ['a 429', { type: 'status', status: 429, headers: { 'retry-after': '120' } } as const, 'rate'],
    ['a dropped connection', { type: 'drop' } as const, 'transient'],
  ])('does not disconnect on %s', async (_label, fault, kind) => {
    const account = await connected('x');
    world.clock.advance(2 * HOUR);
    world.emulators.emulators.x.faults.arm('x.oauth.token', fault);
    const failure = await service()
      .getAccessToken(account.id)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TokenError);
    expect((failure as TokenError).kind).toBe(kind);
    if (kind === 'rate') expect((failure as TokenError).retryAfterMs).toBe(120_000);
    expect((await service().get(account.id)).status).toBe('active');
    expect(world.t.notifications).toHaveLength(0);
    // Once the platform answers again, the refresh goes through.
    expect(await service().getAccessToken(account.id)).toMatch(/^at_/);
  });

  it('keeps using a still-valid token when an early refresh hits a blip', async () => {
    const account = await connected('youtube');
    const current = storedTokens(account.id).accessToken;
    world.clock.advance(HOUR - 60_000);
    world.emulators.emulators.youtube.faults.arm('youtube.oauth.token', {
      type: 'status',
      status: 500,
    });
    expect(await service().getAccessToken(account.id)).toBe(current);
  });

  it.each(['youtube', 'tiktok', 'x'] as const)(
    'marks a %s account needs_reconnect only on a confirmed invalid grant',
    async (platform) => {
      const account = await connected(platform);
      world.emulators.emulators[platform].state.auth.tokens.revokeAll();
      world.clock.advance(25 * HOUR);
      const failure = await service()
        .getAccessToken(account.id)
        .catch((error: unknown) => error);
      expect(failure).toMatchObject({ kind: 'auth', code: 'FORBIDDEN' });
      const after = await service().get(account.id);
      expect(after.status).toBe('needs_reconnect');
      expect(after.nextPost).toMatchObject({ allowed: false, at: null });
      await world.t.engine.services.alerts.idle();
      expect(world.t.notifications.at(-1)?.title).toContain('Reconnect');
      const history = await service().repo.history(account.id, 10);
      expect(history.errors[0]).toMatchObject({ kind: 'auth', code: 'invalid_grant' });

      // Reconnecting brings it back.
      await connect(world, platform);
      expect((await service().get(account.id)).status).toBe('active');
    },
  );

  it('never refreshes a Meta Page token, and a revoked login shows in the connection test', async () => {
    const account = await connected('facebook');
    world.clock.advance(90 * 24 * HOUR);
    expect(await service().getAccessToken(account.id)).toBe(storedTokens(account.id).accessToken);
    const ok = await invokeOk<ConnectionTest>(world.t, 'accounts:test', { accountId: account.id });
    expect(ok.ok).toBe(true);

    await fetch(`${world.emulators.emulators.facebook.baseUrl}/__emulator/auth/revoke`, {
      method: 'POST',
    });
    const failed = await invokeOk<ConnectionTest>(world.t, 'accounts:test', {
      accountId: account.id,
    });
    expect(failed.ok).toBe(false);
    expect(failed.summary).toContain('Reconnect');
    expect((await service().get(account.id)).status).toBe('needs_reconnect');
  });

  it('renews once when the platform says the token expired early', async () => {
    const account = await connected('x');
    await fetch(`${world.emulators.emulators.x.baseUrl}/__emulator/auth/expire`, {
      method: 'POST',
    });
    const result = await invokeOk<ConnectionTest>(world.t, 'accounts:test', {
      accountId: account.id,
    });
    expect(result.ok).toBe(true);
    expect(result.checks.find((c) => c.id === 'token')?.message).toContain('@reelpilot_sbx');
  });
});

describe('the connection test', () => {
  it('reports private-only posting for an unaudited TikTok app, public once audited', async () => {
    const account = await connected('tiktok');
    expect(account.audience).toBe('private_only');
    const unaudited = await invokeOk<ConnectionTest>(world.t, 'accounts:test', {
      accountId: account.id,
    });
    expect(unaudited.ok).toBe(true);
    expect(unaudited.checks.map((c) => [c.id, c.ok])).toEqual([
      ['token', true],
      ['scopes', true],
      ['uploads', true],
      ['audience', false],
    ]);
    expect(unaudited.summary).toContain('private');

    world.emulators.emulators.tiktok.state.audited = true;
    const audited = await invokeOk<ConnectionTest>(world.t, 'accounts:test', {
      accountId: account.id,
    });
    expect(audited.checks.find((c) => c.id === 'audience')).toMatchObject({
      ok: true,
      message: 'Posts can be public.',
    });
    expect((await service().get(account.id)).audience).toBe('public');
  });

  it('leaves the account alone when the platform is down', async () => {
    const account = await connected('youtube');
    world.emulators.emulators.youtube.faults.arm('youtube.channels', {
      type: 'status',
      status: 503,
    });
    const result = await invokeOk<ConnectionTest>(world.t, 'accounts:test', {
      accountId: account.id,
    });
    expect(result.ok).toBe(false);
    expect(result.summary).toContain('could not be reached');
    expect((await service().get(account.id)).status).toBe('active');
  });

  it('says which permissions are missing', async () => {
    const account = await connected('instagram');
    const secrets = world.t.ports.secrets as ReturnType<typeof memorySecretStore>;
    const tokens = storedTokens(account.id);
    secrets.values.set(
      `accounts/${account.id}/tokens`,
      JSON.stringify({ ...tokens, scopes: ['pages_show_list', 'instagram_basic'] }),
    );
    const result = await invokeOk<ConnectionTest>(world.t, 'accounts:test', {
      accountId: account.id,
    });
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => c.id === 'scopes')?.message).toContain(
      'instagram_content_publish',
    );
    expect(result.checks.find((c) => c.id === 'uploads')?.ok).toBe(false);
    const broken = await service().get(account.id);
    expect(broken.status).toBe('error');
    expect(broken.nextPost).toMatchObject({ allowed: false, at: null });

    // Once the permissions are back, a passing test clears the error.
    secrets.values.set(`accounts/${account.id}/tokens`, JSON.stringify(tokens));
    expect(
      (await invokeOk<ConnectionTest>(world.t, 'accounts:test', { accountId: account.id })).ok,
    ).toBe(true);
    expect((await service().get(account.id)).status).toBe('active');
  });
});

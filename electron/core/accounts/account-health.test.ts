import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, AccountHistory, PacingConfig } from '../../../shared/domain/accounts';
import {
  connect,
  createAccountsWorld,
  invokeOk,
  type AccountsWorld,
} from './testing/accounts-test-kit';

let world: AccountsWorld;
let account: Account;
beforeEach(async () => {
  world = await createAccountsWorld();
  await connect(world, 'x');
  [account] = (await invokeOk<Account[]>(world.t, 'accounts:list', {})) as [Account];
});
afterEach(async () => {
  await world.dispose();
});

const service = () => world.t.engine.services.accounts;

describe('account health', () => {
  it('deactivates after N errors in a row with an alert; rate errors do not count; the person re-enables', async () => {
    await invokeOk<PacingConfig>(world.t, 'accounts:updatePacing', { autoDisableAfterErrors: 3 });
    await service().recordError(account.id, { kind: 'transient', message: 'HTTP 503' });
    await service().recordError(account.id, { kind: 'rate', message: '429', retryAfterMs: 60_000 });
    await service().recordError(account.id, { kind: 'content', message: 'Video too long' });
    expect((await service().get(account.id)).counters.consecutiveErrors).toBe(2);
    expect((await service().get(account.id)).status).toBe('rate_limited');
    world.clock.advance(60_000);
    expect((await service().get(account.id)).status).toBe('active');

    await service().recordError(account.id, { kind: 'transient', message: 'HTTP 500' });
    const disabled = await service().get(account.id);
    expect(disabled.status).toBe('disabled');
    expect(disabled.statusReason).toContain('3 errors in a row');
    expect(disabled.nextPost).toMatchObject({ allowed: false, at: null });
    // The alert the deactivation opened was delivered as a notification, once.
    await world.t.engine.services.alerts.idle();
    expect(world.t.notifications.at(-1)).toMatchObject({
      level: 'error',
      title: expect.stringContaining('was deactivated'),
      kind: 'accountReconnect',
      causeKey: `account-deactivated:${account.id}`,
      target: { screen: 'accounts', itemId: account.id },
    });
    expect(world.t.events.of('accounts:changed').at(-1)?.account?.status).toBe('disabled');

    const enabled = await invokeOk<Account>(world.t, 'accounts:setEnabled', {
      accountId: account.id,
      enabled: true,
    });
    expect(enabled).toMatchObject({ status: 'active', counters: { consecutiveErrors: 0 } });
  });

  it('a successful post resets the error streak and is kept in the history', async () => {
    await service().recordError(account.id, { kind: 'transient', message: 'HTTP 502' });
    await service().recordPost(account.id, { remotePostId: '1234', note: 'first video' });
    const after = await service().get(account.id);
    expect(after.counters).toMatchObject({ postsTotal: 1, consecutiveErrors: 0, errorsTotal: 1 });
    expect(after.lastPostAt).toBe(world.clock.now());
    const history = await invokeOk<AccountHistory>(world.t, 'accounts:history', {
      accountId: account.id,
    });
    expect(history.posts).toMatchObject([
      { remotePostId: '1234', note: 'first video', accountHandle: '@reelpilot_sbx' },
    ]);
    expect(history.errors).toMatchObject([{ kind: 'transient', message: 'HTTP 502' }]);
  });

  it('paces with the person’s limits from the settings’ time zone', async () => {
    await world.t.engine.services.settings.update({ timeZone: 'Asia/Tokyo' });
    await invokeOk(world.t, 'accounts:updateLimits', {
      accountId: account.id,
      limits: { postsPerHour: null, postsPerDay: 1, minGapMinutes: null },
    });
    world.clock.set(Date.UTC(2026, 0, 15, 14, 30)); // 23:30 in Tokyo
    expect(await service().canPostNow(account.id)).toEqual({ allowed: true });
    await service().recordPost(account.id);
    expect(await service().canPostNow(account.id)).toMatchObject({
      allowed: false,
      at: Date.UTC(2026, 0, 15, 15, 0),
    });
    world.clock.advance(30 * 60_000);
    expect(await service().canPostNow(account.id)).toEqual({ allowed: true });
  });

  it('counts the cost of X posts', async () => {
    await invokeOk(world.t, 'accounts:updatePacing', {
      xCostPerPostUsd: 0.25,
      xMonthlyBudgetUsd: 0.5,
    });
    await service().recordPost(account.id);
    world.clock.advance(60 * 60_000);
    await service().recordPost(account.id);
    const after = await service().get(account.id);
    expect(after.counters.costTotalUsd).toBeCloseTo(0.5);
    expect(after.nextPost).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('budget'),
    });
  });

  it('removes an account and its tokens but keeps its history', async () => {
    await service().recordPost(account.id, { remotePostId: 'p1' });
    expect(await invokeOk(world.t, 'accounts:remove', { accountId: account.id })).toEqual({
      removed: true,
    });
    expect(await invokeOk<Account[]>(world.t, 'accounts:list', {})).toHaveLength(0);
    expect(await world.t.ports.secrets.get(`accounts/${account.id}/tokens`)).toBeNull();
    const history = await invokeOk<AccountHistory>(world.t, 'accounts:history', {
      accountId: account.id,
    });
    expect(history.posts).toHaveLength(1);
    expect(world.t.events.of('accounts:changed').at(-1)).toEqual({
      accountId: account.id,
      account: null,
    });
  });

  it('refuses bad limits in words', async () => {
    const result = await world.t.engine.invoke('accounts:updateLimits', {
      accountId: account.id,
      limits: { postsPerHour: 0, postsPerDay: 5, minGapMinutes: null },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('at least 1') },
    });
  });

  it('keeps app secrets in the secret store and only says whether one is set', async () => {
    const saved = await invokeOk(world.t, 'accounts:saveCredentials', {
      platform: 'youtube',
      clientId: 'id-1',
      clientSecret: 's3cret',
    });
    expect(saved).toMatchObject({ clientId: 'id-1', hasSecret: true, secretRequired: true });
    expect(JSON.stringify(await invokeOk(world.t, 'accounts:credentials', {}))).not.toContain(
      's3cret',
    );
    const cleared = await invokeOk(world.t, 'accounts:saveCredentials', {
      platform: 'youtube',
      clientId: 'id-1',
      clientSecret: null,
    });
    expect(cleared).toMatchObject({ hasSecret: false });
  });
});

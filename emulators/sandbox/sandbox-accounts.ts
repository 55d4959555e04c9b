import type { HeadlessApp } from '../../electron/host/serve-headless';
import type { Account, ConnectStart } from '../../shared/domain/accounts';
import { platformIds, type PlatformId } from '../../shared/domain/platforms';
import type { RunningEmulators } from '../start-all-emulators';

type Engine = HeadlessApp['engine'];

/** A contract call, as the UI makes it; a refusal is thrown with the engine's own words. */
async function invoke<T>(engine: Engine, channel: string, input: unknown): Promise<T> {
  const result = await engine.invoke(channel, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

/**
 * Connects one sandbox account per platform the real way: the engine's OAuth flow against the
 * emulator (which consents at once), whose redirect lands on the engine's loopback listener.
 * An account a previous sandbox connected is signed in again: these emulators are new and do
 * not know the tokens the last ones issued (its posts would otherwise all fail with
 * "reconnect"). Returns the platforms connected for the first time and those signed in again.
 */
export async function seedSandboxAccounts(
  engine: Engine,
  emulators: RunningEmulators,
): Promise<{ connected: PlatformId[]; reconnected: PlatformId[] }> {
  for (const platform of platformIds) {
    await engine.services.accounts.apps.saveIfMissing(platform, emulators.apps[platform]);
  }
  const connected: PlatformId[] = [];
  const reconnected: PlatformId[] = [];
  for (const platform of platformIds) {
    const accounts = await invoke<Account[]>(engine, 'accounts:list', {});
    const known = accounts.some((account) => account.platform === platform);
    const start = await invoke<ConnectStart>(engine, 'accounts:connect', { platform });
    const consent = await fetch(start.authorizeUrl, { redirect: 'manual' });
    const location = consent.headers.get('location');
    if (consent.status !== 302 || !location) {
      throw new Error(`The ${platform} emulator refused the sandbox sign-in (${consent.status}).`);
    }
    const landing = await fetch(location);
    if (!landing.ok) {
      throw new Error(`The ${platform} sandbox sign-in did not complete (${landing.status}).`);
    }
    await waitForAccount(engine, platform);
    (known ? reconnected : connected).push(platform);
  }
  return { connected, reconnected };
}

async function waitForAccount(engine: Engine, platform: PlatformId): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const accounts = await invoke<Account[]>(engine, 'accounts:list', {});
    if (accounts.some((account) => account.platform === platform)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The ${platform} sandbox account did not appear after signing in.`);
}

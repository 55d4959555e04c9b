import type { PlatformId } from '../../../../shared/domain/platforms';
import type { ConnectStart } from '../../../../shared/domain/accounts';
import {
  startAllEmulators,
  type RunningEmulators,
} from '../../../../emulators/start-all-emulators';
import { createTestEngine, type TestEngine } from '../../testing/test-engine';
import { FakeClock } from '../../testing/fake-clock';

export interface AccountsWorld {
  t: TestEngine;
  emulators: RunningEmulators;
  clock: FakeClock;
  dispose(): Promise<void>;
}

/** A real engine pointed at all five emulators, which share its fake clock. */
export async function createAccountsWorld(
  overrides: Parameters<typeof createTestEngine>[0] = {},
): Promise<AccountsWorld> {
  const clock = new FakeClock();
  const emulators = await startAllEmulators({ now: () => clock.now() });
  const t = await createTestEngine({
    clock,
    ...overrides,
    options: { endpointOverrides: emulators.endpointOverrides, ...overrides.options },
  });
  for (const [platform, app] of Object.entries(emulators.apps)) {
    await t.engine.services.accounts.apps.save({
      platform: platform as PlatformId,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      allowInsecureStorage: true,
    });
  }
  return {
    t,
    emulators,
    clock,
    async dispose() {
      await t.dispose();
      await emulators.close();
    },
  };
}

export async function invokeOk<T>(t: TestEngine, channel: string, input: unknown): Promise<T> {
  const result = await t.engine.invoke(channel, input);
  if (!result.ok)
    throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/**
 * Plays the browser: opens the authorize URL (the emulator consents at once and redirects),
 * then follows the redirect to the loopback listener and returns the page it shows.
 */
export async function playBrowser(
  authorizeUrl: string,
): Promise<{ status: number; page: string; location: string }> {
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (consent.status !== 302 || !location) {
    throw new Error(`The authorize page answered ${consent.status}: ${await consent.text()}`);
  }
  const landing = await fetch(location);
  return { status: landing.status, page: await landing.text(), location };
}

export async function connect(
  world: AccountsWorld,
  platform: PlatformId,
): Promise<ConnectStart & { page: string; status: number }> {
  const start = await invokeOk<ConnectStart>(world.t, 'accounts:connect', { platform });
  const { page, status } = await playBrowser(start.authorizeUrl);
  return { ...start, page, status };
}

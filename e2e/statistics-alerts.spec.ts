import type { Page } from '@playwright/test';
import { expect, test } from './support/host-test';
import type { Account } from '../shared/domain/accounts';

/** Calls the engine the way the page does: same origin, with the host's cookie. */
async function invoke<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/invoke/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(body),
      });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
    },
    [channel, input] as const,
  );
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

function emulatorUrl(output: string, name: string): string {
  const match = new RegExp(`  ${name}: (http://127\\.0\\.0\\.1:\\d+)`).exec(output);
  if (!match?.[1]) throw new Error(`No ${name} emulator address in:\n${output}`);
  return match[1];
}

test('a revoked sign-in raises an alert shown in the badge and the inbox, acknowledged and resolved', async ({
  page,
  startHost,
}) => {
  const host = await startHost(['--sandbox']);
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Statistics' }).click();
  await expect(page.getByRole('heading', { name: 'Statistics', level: 1 })).toBeVisible();

  // Health: the machine and the five sandbox accounts, all well.
  await page.getByRole('tab', { name: 'Health' }).click();
  const system = page.getByRole('region', { name: 'System' });
  await expect(system).toContainText('Scheduler');
  await expect(system).toContainText(/Version \d/);
  await expect(system).toContainText(
    'No backup was made yet: make one in Settings → Storage & backup.',
  );
  const accounts = page.getByRole('region', { name: 'Accounts' });
  await expect(accounts.getByTestId('account-health-tiktok')).toContainText('Healthy');
  await expect(nav.getByTestId('alerts-badge')).toHaveCount(0);

  // TikTok revokes every sign-in and expires its tokens: the next use of the account finds out.
  const switched = await fetch(`${emulatorUrl(host.output(), 'TikTok')}/__emulator/switches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ expireTokens: true, revokeAll: true }),
  });
  expect(switched.ok).toBe(true);
  const tiktok = (await invoke<Account[]>(page, 'accounts:list', {})).find(
    (account) => account.platform === 'tiktok',
  );
  if (!tiktok) throw new Error('The sandbox has no TikTok account');
  await invoke(page, 'accounts:test', { accountId: tiktok.id });

  // The badge counts the new alert on every screen, live.
  const badge = nav.getByTestId('alerts-badge');
  await expect(badge).toHaveText('11 open alert');
  await expect(nav.getByRole('button', { name: /^Statistics\s*1 open alert$/ })).toBeVisible();
  await expect(accounts.getByTestId('account-health-tiktok')).toContainText('Not posting');
  await expect(accounts.getByTestId('account-health-tiktok')).toContainText('Signed out');

  // The inbox: what happened and what to do, and a way to the account.
  await page.getByRole('tab', { name: 'Alerts' }).click();
  const alert = page.getByRole('listitem', {
    name: `Reconnect TikTok @${tiktok.handle.replace(/^@/, '')}`,
  });
  await expect(alert).toContainText('What to do: Reconnect it on the Accounts screen');
  await expect(alert.getByRole('button', { name: 'Show in Accounts' })).toBeVisible();

  await alert.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(badge).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No open alerts' })).toBeVisible();
  await page.getByRole('button', { name: /^Acknowledged \(1\)/ }).click();
  await expect(alert).toContainText('Acknowledged');
  await alert.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByRole('heading', { name: 'Nothing acknowledged' })).toBeVisible();
  await page.getByRole('button', { name: /^Resolved/ }).click();
  await expect(alert).toContainText('Resolved by you');

  await page.getByRole('button', { name: /^Open/ }).click();
  await expect(page.getByRole('heading', { name: 'No open alerts' })).toBeVisible();

  // Errors: the sign-in failure is the account's, no post or job failed.
  await page.getByRole('tab', { name: 'Errors' }).click();
  await expect(page.getByRole('heading', { name: 'No failures' })).toBeVisible();
  await page.getByLabel('Platform').selectOption('tiktok');
  await expect(
    page.getByRole('heading', { name: 'No failures match these filters' }),
  ).toBeVisible();

  // Show in Accounts from the resolved alert opens the account.
  await page.getByRole('tab', { name: 'Alerts' }).click();
  await page.getByRole('button', { name: /^Resolved/ }).click();
  await alert.getByRole('button', { name: 'Show in Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
});

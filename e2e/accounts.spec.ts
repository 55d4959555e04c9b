import { connectAccount } from './support/connect-account';
import { expect, test } from './support/host-test';

test('connect an emulated account, test it and disable it', async ({ page, startHost }) => {
  const host = await startHost(['--emulators']);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();

  await page.getByRole('button', { name: 'Connect account' }).click();
  await page.getByRole('radio', { name: 'X' }).check();
  const popup = page.context().waitForEvent('page');
  await page.getByRole('button', { name: 'Continue to X' }).click();
  // The new tab opens the emulator's consent page, which sends it back to the loopback listener.
  const tab = await popup;
  await expect(tab.getByRole('heading', { name: 'X connected' })).toBeVisible();
  await expect(tab.getByText('You can close this tab')).toBeVisible();
  await tab.close();

  await expect(page.getByTestId('connect-status')).toHaveText(/Connected @reelpilot_sbx on X\./);
  await page.getByRole('button', { name: 'Done' }).click();

  const card = page.getByRole('article', { name: 'X @reelpilot_sbx' });
  await expect(card.getByTestId('account-status')).toHaveText('Active');
  await expect(card.getByTestId('next-post')).toHaveText('Can post now');

  await card.getByRole('button', { name: 'Test' }).click();
  await expect(card.getByText('@reelpilot_sbx is ready to post.')).toBeVisible();
  await expect(card.getByText('Token valid: signed in to X as @reelpilot_sbx.')).toBeVisible();

  await card.getByRole('button', { name: 'Disable' }).click();
  await expect(card.getByTestId('account-status')).toHaveText('Disabled');
  await expect(card.getByTestId('next-post')).toContainText('Disabled by you');
  await card.getByRole('button', { name: 'Enable' }).click();
  await expect(card.getByTestId('account-status')).toHaveText('Active');

  // Limits are checked by the engine and kept.
  await card.getByRole('button', { name: 'Edit limits' }).click();
  await card.getByLabel('Posts per hour').fill('0');
  await card.getByRole('button', { name: 'Save limits' }).click();
  await expect(
    card.getByText('Posts per hour must be at least 1, or left empty for no limit.'),
  ).toBeVisible();
  await card.getByLabel('Posts per hour').fill('3');
  await card.getByRole('button', { name: 'Save limits' }).click();
  await expect(card.getByText('3 per hour, 10 per day, 20 minutes apart')).toBeVisible();

  // Removing asks first.
  await card.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove @reelpilot_sbx?' });
  await expect(dialog).toContainText('history is kept');
  await dialog.getByRole('button', { name: 'Remove account' }).click();
  await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
});

const everyPlatform: Array<[string, number]> = [
  ['YouTube', 1],
  ['TikTok', 1],
  ['Instagram', 1],
  ['Facebook', 2],
  ['X', 1],
];

test('an account of every platform connects from the UI', async ({ page, startHost }) => {
  const host = await startHost(['--emulators']);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Accounts' }).click();
  for (const [name, count] of everyPlatform) {
    await connectAccount(page, name);
    await expect(page.getByTestId('connect-status')).toHaveText(/^\s*Connected .+ on /);
    await page.getByRole('button', { name: 'Done' }).click();
    const group = page.getByRole('region', { name, exact: true });
    await expect(group.getByRole('article')).toHaveCount(count);
    await expect(group.getByRole('heading', { name: new RegExp(`${count} active`) })).toBeVisible();
  }
  // The unaudited TikTok sandbox app can only post privately, and says so.
  const tiktok = page.getByRole('region', { name: 'TikTok' }).getByRole('article');
  await expect(tiktok).toContainText('Private posts only');
});

test('a revoked sign-in shows as needing reconnection, and reconnecting fixes it', async ({
  page,
  request,
  startHost,
}) => {
  const host = await startHost(['--emulators']);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Accounts' }).click();
  await page.getByRole('button', { name: 'Connect account' }).click();
  await page.getByRole('radio', { name: 'X' }).check();
  const authorize = page
    .context()
    .waitForEvent('request', (r) => r.url().includes('/i/oauth2/authorize'));
  const popup = page.context().waitForEvent('page');
  await page.getByRole('button', { name: 'Continue to X' }).click();
  const emulator = new URL((await authorize).url()).origin;
  await (await popup).close();
  await page.getByRole('button', { name: 'Done' }).click();

  // The person revokes ReelPilot's access on X.
  expect((await request.post(`${emulator}/__emulator/auth/revoke`)).status()).toBe(204);
  const card = page.getByRole('article', { name: 'X @reelpilot_sbx' });
  await card.getByRole('button', { name: 'Test' }).click();
  await expect(
    card.getByText('X no longer accepts this sign-in. Reconnect the account.'),
  ).toBeVisible();
  await expect(card.getByTestId('account-status')).toHaveText('Needs reconnecting');
  // The alert it raised is shown inside the app (the headless mode's notification), once.
  await expect(
    page.getByRole('alert').filter({ hasText: 'Reconnect X @reelpilot_sbx' }),
  ).toBeVisible();

  await card.getByRole('button', { name: 'Reconnect' }).click();
  await expect(page.getByRole('radio', { name: 'X' })).toBeChecked();
  const again = page.context().waitForEvent('page');
  await page.getByRole('button', { name: 'Continue to X' }).click();
  await (await again).close();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(card.getByTestId('account-status')).toHaveText('Active');
});

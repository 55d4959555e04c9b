import { expect, test } from './support/host-test';

test('connect Drive, back up, see it here and on Drive, restore it and see the data back', async ({
  page,
  startHost,
}) => {
  const host = await startHost(['--sandbox']);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Accounts' }).click();
  const removed = page.getByRole('article', { name: 'X @reelpilot_sbx' });
  await expect(removed).toBeVisible();

  // Connect Drive: Google's consent page opens in a tab and sends it back to ReelPilot.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const drive = page.getByRole('region', { name: 'Google Drive' });
  await expect(drive.getByText('Not connected')).toBeVisible();
  const popup = page.context().waitForEvent('page');
  await drive.getByRole('button', { name: 'Connect Google Drive' }).click();
  const tab = await popup;
  await expect(tab.getByRole('heading', { name: 'Google Drive connected' })).toBeVisible();
  await tab.close();
  await expect(drive.getByTestId('drive-account')).toHaveText('sandbox.drive@example.com');
  await expect(drive.getByTestId('drive-connect-status')).toContainText(
    'Google Drive is connected as sandbox.drive@example.com.',
  );
  await drive.getByRole('button', { name: 'Done' }).click();

  // Back up now: listed here, then on Drive, and Drive's usage counts it.
  const backups = page.getByRole('region', { name: 'Backups' });
  await backups.getByRole('button', { name: 'Back up now' }).click();
  const list = page.getByRole('region', { name: 'Your backups' });
  const row = list.getByTestId('backup-row').first();
  await expect(row.getByText('This computer')).toBeVisible({ timeout: 20_000 });
  await expect(row.getByText('By hand')).toBeVisible();
  await expect(row.getByText('6 accounts, 0 configs, 0 posts')).toBeVisible();
  await expect(row.getByText('Google Drive', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(drive.getByText(/^ReelPilot: [1-9][\d.]* KB$/)).toBeVisible({ timeout: 20_000 });
  await expect(drive.getByRole('link', { name: 'ReelPilot/Backups' })).toBeVisible();
  await expect(backups.getByTestId('last-backup')).toContainText('just now');

  // Something changes after the backup: an account is removed.
  await page.getByRole('button', { name: 'Accounts' }).click();
  await removed.getByRole('button', { name: 'Remove' }).click();
  await page
    .getByRole('dialog', { name: 'Remove @reelpilot_sbx?' })
    .getByRole('button', { name: 'Remove account' })
    .click();
  await expect(removed).toHaveCount(0);

  // Restore the backup: the confirmation says what is replaced; ReelPilot restarts with it.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await list
    .getByRole('button', { name: /Restore the backup of/ })
    .first()
    .click();
  const confirm = page.getByRole('dialog', { name: 'Restore this backup?' });
  const accounts = confirm.getByRole('row', { name: /Accounts/ });
  await expect(accounts.getByRole('cell')).toHaveText(['5', '6']);
  await confirm.getByRole('button', { name: 'Replace the current data and restart' }).click();
  await expect(page.getByRole('dialog', { name: 'Restoring the backup' })).toBeVisible();

  // The page reloads once the engine is back, and says what was restored.
  const report = page.getByRole('status', { name: 'Restore report' });
  await expect(report).toContainText('6 accounts, 0 configs, 0 posts', { timeout: 30_000 });
  await expect(list.getByText('Before a restore')).toBeVisible();
  await page.getByRole('button', { name: 'Accounts' }).click();
  await expect(page.getByRole('article', { name: 'X @reelpilot_sbx' })).toBeVisible();
});

import { expect, test } from './support/host-test';

test('a config created in the editor is listed with its next run, and survives a restart', async ({
  page,
  startHost,
}) => {
  let host = await startHost();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Configs', exact: true }).click();
  await expect(page.getByText('No configs yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Create your first config' }).click();
  await expect(page.getByRole('heading', { name: 'New config' })).toBeVisible();

  await page.getByLabel('Name').fill('Morning beach');
  await page.getByLabel('Time zone').selectOption('Europe/Paris');

  // Live validation: a wrong time is explained under its field as it is typed.
  await page.getByLabel('Times of day').fill('8h15');
  await expect(
    page.getByText('Enter a time as HH:MM on the 24-hour clock, such as 09:30.'),
  ).toBeVisible();
  await page.getByLabel('Times of day').fill('08:15');
  await expect(page.getByTestId('schedule-preview')).toContainText('Next runs (Europe/Paris):');
  await expect(page.getByTestId('schedule-preview')).toContainText('08:15');

  // Saving without media sources says what is missing and keeps everything typed.
  await page.getByRole('button', { name: 'Create config' }).click();
  await expect(
    page.getByText(
      'Choose where the clips come from: at least one tag, folder or picked media item.',
    ),
  ).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue('Morning beach');

  await page.getByLabel('Media tags').fill('beach, summer');
  await page.getByLabel('Repeat').selectOption('cron');
  await page.getByLabel('Cron expression').fill('15 8 * *');
  await expect(page.getByText('A cron expression has 5 fields')).toBeVisible();
  await page.getByLabel('Cron expression').fill('15 8 * * *');
  await expect(page.getByText('A cron expression has 5 fields')).toBeHidden();
  await page.getByRole('button', { name: 'Create config' }).click();

  await expect(page.getByText('Config created')).toBeVisible();
  const row = page.getByTestId('config-row').filter({ hasText: 'Morning beach' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Cron 15 8 * * * · Europe/Paris');
  await expect(row.getByTestId('next-run')).toContainText('08:15');
  await expect(row).toContainText('Never run');

  await row.getByRole('checkbox', { name: 'Automation for Morning beach' }).uncheck();
  await expect(row.getByTestId('next-run')).toHaveText('Paused');
  await row.getByRole('checkbox', { name: 'Automation for Morning beach' }).check();
  await expect(row.getByTestId('next-run')).toContainText('08:15');

  await host.stop();
  host = await startHost();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Configs', exact: true }).click();
  const again = page.getByTestId('config-row').filter({ hasText: 'Morning beach' });
  await expect(again.getByTestId('next-run')).toContainText('08:15');

  await again.getByRole('button', { name: 'History' }).click();
  await expect(page.getByText('No runs yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Back to the list' }).click();
  await again.getByRole('button', { name: 'Delete Morning beach' }).click();
  await page
    .getByRole('group', { name: 'Confirm deletion' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(page.getByText('No configs yet.')).toBeVisible();
});

import { expect, test } from './support/host-test';

test('a setting changed in the UI survives a restart of the host', async ({
  page,
  request,
  startHost,
  dataDir,
}) => {
  let host = await startHost();

  const refused = await request.get(host.origin + '/');
  expect(refused.status()).toBe(401);

  await page.goto(host.url);
  await expect(page).toHaveURL(host.origin + '/');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByTestId('data-dir')).toHaveText(dataDir);

  await page.getByLabel('Theme').selectOption('dark');
  await page.getByLabel('Time zone').selectOption('Asia/Tokyo');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await host.stop();
  host = await startHost();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  await expect(page.getByLabel('Time zone')).toHaveValue('Asia/Tokyo');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('an engine error is shown in words', async ({ page, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel('ffmpeg program').fill('/nonexistent/ffmpeg');
  await page.getByRole('button', { name: 'Check ffmpeg' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'No runnable program at /nonexistent/ffmpeg' }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Settings were not saved' }),
  ).toBeVisible();
  await expect(
    page.getByText('No runnable program at /nonexistent/ffmpeg.', { exact: true }),
  ).toBeVisible();
  await expect(page.getByLabel('ffmpeg program')).toHaveAttribute('aria-invalid', 'true');
  // A folder given with --data is pinned: the UI explains instead of offering a move.
  await expect(page.getByText('cannot be moved from here')).toBeVisible();
});

test('Data kept: the room the data takes, a policy saved, a clean-up on request', async ({
  page,
  startHost,
}) => {
  const host = await startHost();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const card = page.getByRole('form', { name: 'Data kept' });
  const storage = card.getByLabel('Storage');
  await expect(storage).toContainText(/Database\s*\d[\d.]* (KB|MB)/);
  await expect(storage).toContainText(/Free on its disk\s*\d[\d.]* (MB|GB|TB)/);

  await card.getByLabel('Keep run history (days)').fill('20');
  await card.getByRole('button', { name: 'Save what is kept' }).click();
  await expect(card.getByText('Keep run history at least 35 days.')).toBeVisible();
  await card.getByLabel('Keep run history (days)').fill('180');
  await card.getByRole('button', { name: 'Save what is kept' }).click();
  await expect(page.getByText('What is kept saved')).toBeVisible();

  await page.reload();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(card.getByLabel('Keep run history (days)')).toHaveValue('180');
  await card.getByRole('button', { name: 'Clean up now' }).click();
  // The clean-up is a job on the queue: on a busy machine it takes more than a few seconds.
  await expect(card.getByRole('status', { name: 'Clean-up' })).toContainText(
    /Last clean-up .*: nothing was old enough to remove\./,
    { timeout: 30_000 },
  );
});

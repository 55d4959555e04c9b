import { expect, test } from './support/host-test';
import { invoke } from './support/invoke';
import { createSandboxConfig, sandboxPlatforms as platforms } from './support/sandbox-config';
import { makeMedia } from '../electron/core/media/testing/make-media';

function emulatorUrl(output: string, name: string): string {
  const match = new RegExp(`  ${name}: (http://127\\.0\\.0\\.1:\\d+)`).exec(output);
  if (!match?.[1]) throw new Error(`No ${name} emulator address in:\n${output}`);
  return match[1];
}

test('a config run in the sandbox posts to all five platforms, shown with metrics', async ({
  page,
  startHost,
  filesDir,
}) => {
  test.setTimeout(240_000);
  const photo = makeMedia.image(filesDir, 'sunrise.png', 'orange', '1080x1920');
  const host = await startHost(['--sandbox']);
  await page.goto(host.url);

  await page.getByRole('button', { name: 'Distribution' }).click();
  await expect(page.getByRole('heading', { name: 'Nothing posted yet' })).toBeVisible();

  // The sandbox connected one account per platform through the emulators' OAuth.
  const { config, accounts: chosen } = await createSandboxConfig(page, {
    name: 'Sandbox launch',
    picture: photo,
  });
  expect(chosen.every(Boolean)).toBe(true);
  // Instagram refuses the first upload: the screen says why and what to do, and Retry posts it.
  const switched = await fetch(`${emulatorUrl(host.output(), 'Instagram')}/__emulator/switches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rejectNext: 'The video could not be processed' }),
  });
  expect(switched.ok).toBe(true);
  await invoke(page, 'configs:executeNow', { id: config.id });

  const instagram = page.getByTestId('target-instagram');
  await expect(instagram.locator('[data-state]')).toHaveAttribute('data-state', 'failed', {
    timeout: 180_000,
  });
  await expect(instagram.getByRole('alert')).toContainText('Refused by the platform');
  await expect(instagram.getByRole('alert')).toContainText('The video could not be processed');
  await expect(instagram.getByRole('alert')).toContainText('Change the video or its text');
  await instagram.getByRole('button', { name: 'Retry' }).click();

  // Each video goes to one account: five videos, five posts, all shown as posted.
  const videos = page.getByTestId('distribution-video');
  await expect(videos).toHaveCount(5, { timeout: 180_000 });
  for (const platform of platforms) {
    const target = page.getByTestId(`target-${platform}`);
    await expect(target.locator('[data-state]')).toHaveAttribute('data-state', 'success', {
      timeout: 120_000,
    });
    await expect(target.getByTestId('metrics')).toContainText('views', { timeout: 30_000 });
  }
  // In the browser, a post opens in a new tab, without access to this page.
  const open = page.getByTestId('target-youtube').getByRole('link', { name: 'Open on YouTube' });
  await expect(open).toHaveAttribute('target', '_blank');
  await expect(open).toHaveAttribute('rel', /noopener/);

  // Exactly one post on each emulator.
  const output = host.output();
  const state = async (name: string) => {
    const response = await fetch(`${emulatorUrl(output, name)}/__emulator/state`);
    return ((await response.json()) as { state: Record<string, unknown[]> }).state;
  };
  expect((await state('YouTube')).videos).toHaveLength(1);
  expect((await state('TikTok')).posts).toHaveLength(1);
  expect((await state('Instagram')).media).toHaveLength(1);
  expect((await state('X')).tweets).toHaveLength(1);
  expect((await state('Facebook')).posts).toHaveLength(1);

  // The sandbox reads metrics every 20 s while its audience grows: a second reading draws the
  // views sparkline.
  await expect(
    page.getByTestId('target-youtube').getByRole('img', { name: 'YouTube views over time' }),
  ).toBeVisible({ timeout: 60_000 });

  // Totals per platform come from the summary channel.
  const totals = page.getByRole('list', { name: 'Totals per platform' });
  await expect(totals.getByRole('listitem')).toHaveCount(5);
  await expect(totals).toContainText('1 post');

  // Filters: only X.
  await page.getByRole('combobox', { name: 'Platform' }).selectOption('x');
  await expect(videos).toHaveCount(1);
});

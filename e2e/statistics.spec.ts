import { readFileSync } from 'node:fs';
import { expect, test } from './support/host-test';
import { invoke } from './support/engine-calls';
import { createSandboxConfig } from './support/sandbox-config';
import { makeMedia } from '../electron/core/media/testing/make-media';

test('after a config run, the Overview shows the posts, the figures and the charts, and exports CSV', async ({
  page,
  startHost,
  filesDir,
}, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const photo = makeMedia.image(filesDir, 'dawn.png', 'teal', '1080x1920');
  // The platforms refuse renders below their minimum size (Facebook: 540×960).
  const host = await startHost(['--sandbox'], { REELPILOT_RENDER_HEIGHT: '960' });
  await page.goto(host.url);

  await page.getByRole('button', { name: 'Statistics' }).click();
  const empty = page.getByTestId('statistics-empty');
  await expect(empty.getByRole('heading', { name: 'No statistics yet' })).toBeVisible();
  await expect(empty).toContainText('Configs screen');

  const { config } = await createSandboxConfig(page, { name: 'Dawn patrol', picture: photo });
  await invoke(page, 'configs:executeNow', { id: config.id });

  // The figures follow the run as it happens: no reload of the page.
  await expect(page.getByTestId('kpi-videosRendered').getByText('5', { exact: true })).toBeVisible({
    timeout: 180_000,
  });
  await expect(page.getByTestId('kpi-postsSucceeded').getByText('5', { exact: true })).toBeVisible({
    timeout: 120_000,
  });
  await expect(page.getByTestId('kpi-distributionSuccess')).toContainText('100 %');
  // The sandbox's audience grows and is read every 20 s: views arrive, and with them the charts.
  await expect(page.getByTestId('kpi-views')).toContainText(/Reported by 4 of 5 posts/, {
    timeout: 60_000,
  });
  // TikTok reports no saves, YouTube and Facebook neither: those posts are "not reported".
  await expect(page.getByTestId('kpi-saves')).toContainText(/Reported by [12] of 5 posts/);

  // Each chart says what it shows to a screen reader, from the data it draws.
  const series = page.getByRole('figure', { name: 'Views and engagement per day' });
  await expect(
    series.getByRole('img', { name: /Views: [\d,]+ in all, the most on/ }),
  ).toBeVisible();
  await expect(series.locator('svg')).toBeVisible();
  await expect(
    page
      .getByRole('figure', { name: 'Per platform' })
      .getByRole('img', { name: /Views by platform: .*TikTok not reported/ }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('figure', { name: 'Per account' })
      .getByRole('img', { name: /Views by account/ }),
  ).toBeVisible();
  const rows = page.getByTestId('top-post');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  await expect(rows.first().getByRole('link', { name: /^Open on / })).toHaveAttribute(
    'rel',
    /noopener/,
  );
  await expect(page.getByRole('heading', { name: 'Best time to post' })).toBeVisible();
  await expect(page.getByText(/Too little data yet: \d posts? with views/)).toBeVisible();

  // A filter narrows every figure: only X.
  await page.getByRole('combobox', { name: 'Platform' }).selectOption('x');
  await expect(
    page.getByTestId('kpi-postsSucceeded').getByText('1', { exact: true }),
  ).toBeVisible();
  await expect(page.getByTestId('kpi-videosRendered')).toContainText(
    'Renders are counted per config',
  );
  await page.getByRole('combobox', { name: 'Platform' }).selectOption('');
  await expect(
    page.getByTestId('kpi-postsSucceeded').getByText('5', { exact: true }),
  ).toBeVisible();

  // Both exports download as CSV files.
  const postsDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export posts (CSV)' }).click();
  const posts = await postsDownload;
  expect(posts.suggestedFilename()).toMatch(
    /^reelpilot-posts-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const postsCsv = readFileSync((await posts.path())!, 'utf8');
  expect(postsCsv).toContain('Engagement rate (%)');
  expect(postsCsv.trim().split('\r\n')).toHaveLength(6);
  const figuresDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export figures (CSV)' }).click();
  const figures = await figuresDownload;
  expect(readFileSync((await figures.path())!, 'utf8')).toMatch(/Posts published,5,0,new/);
  await expect(page.getByText(/5 posts saved as reelpilot-posts-/)).toBeVisible();

  // The period picker: a custom range refuses an end before its start, in words.
  await page.getByRole('button', { name: 'Custom…' }).click();
  const range = page.getByRole('form', { name: 'Custom range' });
  await range.getByLabel('From').fill('2026-01-10');
  await range.getByLabel('To').fill('2026-01-09');
  await range.getByRole('button', { name: 'Apply' }).click();
  await expect(range.getByRole('alert')).toHaveText(
    'The range must end on or after the day it starts.',
  );
  await range.getByRole('button', { name: 'Cancel' }).click();

  // The Overview in both themes, at 1280×800, without the toasts of the exports over it.
  const dismiss = page.getByRole('region', { name: 'Notifications' }).getByRole('button', {
    name: 'Dismiss',
  });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await page.getByRole('button', { name: '7 days' }).click();
  await expect(
    page.getByTestId('kpi-postsSucceeded').getByText('5', { exact: true }),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('statistics-overview-light.png') });
  await invoke(page, 'settings:update', { theme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: testInfo.outputPath('statistics-overview-dark.png') });
  await page.screenshot({
    path: testInfo.outputPath('statistics-overview-dark-full.png'),
    fullPage: true,
  });
  await invoke(page, 'settings:update', { theme: 'light' });
  await page.screenshot({
    path: testInfo.outputPath('statistics-overview-light-full.png'),
    fullPage: true,
  });
});

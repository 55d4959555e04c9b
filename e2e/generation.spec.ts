import { connectAccount } from './support/connect-account';
import { expect, test } from './support/host-test';
import { makeMedia } from '../electron/core/media/testing/make-media';

test('a config made from picked media previews, runs now with progress, and its video lands in the library', async ({
  page,
  startHost,
  filesDir,
}) => {
  test.setTimeout(90_000);
  const sunset = makeMedia.image(filesDir, 'sunset.png', 'orange', '320x240');
  const harbour = makeMedia.image(filesDir, 'harbour.png', 'navy', '240x320');
  const song = makeMedia.audio(filesDir, 'song.wav', 2);
  // The config keeps the product's 9:16 size; the host renders it small (tests only).
  const host = await startHost([], { REELPILOT_RENDER_HEIGHT: '160' });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Configs', exact: true }).click();
  await page.getByRole('button', { name: 'Create your first config' }).click();
  await page.getByLabel('Name').fill('Sunset reel');
  await page.getByLabel('Clips per video').fill('2');
  await page.getByLabel('Video length (seconds)').fill('6');

  await page.getByRole('button', { name: 'Pick media…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pick photos and videos' });
  await dialog.getByRole('tab', { name: 'Add media' }).click();
  await dialog.getByTestId('upload-input').setInputFiles([sunset, harbour]);
  await expect(dialog.getByRole('status', { name: 'Import report' })).toContainText('2 added');
  await dialog.getByRole('button', { name: 'Use 2 selected' }).click();
  await expect(dialog).toBeHidden();
  const picked = page.getByRole('list', { name: 'Picked media' });
  await expect(picked.getByTestId('picked-item')).toHaveCount(2);
  await expect(picked).toContainText('sunset.png');
  await expect(picked).toContainText('harbour.png');
  await expect(page.getByText('2 items picked one by one.')).toBeVisible();
  // Removing one and picking it again from the library.
  await picked.getByRole('button', { name: 'Remove harbour.png' }).click();
  await expect(picked.getByTestId('picked-item')).toHaveCount(1);
  await page.getByRole('button', { name: 'Pick more media…' }).click();
  const again = page.getByRole('dialog', { name: 'Pick photos and videos' });
  await again
    .getByRole('listbox', { name: 'Media library' })
    .getByRole('option', { name: 'harbour.png' })
    .click();
  await again.getByRole('button', { name: 'Use 1 selected' }).click();
  await expect(picked.getByTestId('picked-item')).toHaveCount(2);

  // The soundtrack is chosen in the same dialog, showing only sound files.
  await page.getByLabel('Soundtrack').selectOption('track');
  await page.getByRole('button', { name: 'Choose track…' }).click();
  const tracks = page.getByRole('dialog', { name: 'Choose a soundtrack' });
  await tracks.getByRole('tab', { name: 'Add media' }).click();
  await tracks.getByTestId('upload-input').setInputFiles([song]);
  await expect(tracks.getByRole('status', { name: 'Import report' })).toContainText('1 added');
  await tracks.getByRole('tab', { name: 'Library' }).click();
  // The two pictures are in the library too, but this dialog lists sound only.
  const sounds = tracks.getByRole('listbox', { name: 'Media library' }).getByRole('option');
  await expect(sounds).toHaveCount(1);
  await expect(sounds.first()).toHaveAccessibleName('song.wav');
  await tracks.getByRole('button', { name: 'Use this' }).click();
  await expect(page.getByTestId('audio-track')).toHaveText('song.wav (0:02)');
  // No account is connected: the picker says so, and the video is rendered without posting.
  await expect(page.getByText('No accounts connected yet.', { exact: false })).toBeVisible();

  // A quick preview before saving, played from the host.
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByTestId('config-preview-video');
  await expect(preview).toBeVisible({ timeout: 30_000 });
  await expect(preview).toHaveAttribute('src', /\/media\/preview\//);
  await expect
    .poll(
      () => preview.evaluate((node) => (node as unknown as { readyState: number }).readyState),
      {
        timeout: 15_000,
      },
    )
    .toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Create config' }).click();
  await expect(page.getByText('Config created')).toBeVisible();
  const row = page.getByTestId('config-row').filter({ hasText: 'Sunset reel' });
  // A small render can finish between two looks, so every state the bar shows is recorded.
  // (A string: the e2e project has no DOM types.)
  await page.evaluate(`(() => {
    const seen = [];
    window.progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('progress[aria-label="Run of Sunset reel"]');
      const value = bar && bar.getAttribute('aria-valuetext');
      if (value && seen[seen.length - 1] !== value) seen.push(value);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
  await row.getByRole('button', { name: 'Run now' }).click();
  await expect(row.getByTestId('last-run')).toContainText('Rendered', { timeout: 60_000 });
  // Rendering is not posting: the list says nothing was posted, and why.
  await expect(row.getByTestId('last-run')).toContainText(
    'Not posted: no chosen account on an enabled platform',
  );
  const seen = await page.evaluate<string[]>('window.progressSeen');
  console.log(`run progress seen: ${seen.join(' ')}`);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((value) => /^\d+%$/.test(value))).toBe(true);

  await row.getByRole('button', { name: 'History' }).click();
  const run = page.getByTestId('run').first();
  await expect(run).toContainText('Rendered');
  await expect(run.getByRole('link', { name: /^Sunset-reel-.*\.mp4$/ })).toBeVisible();
  await run.getByRole('button', { name: 'Play video 1' }).click();
  // The player opens in a dialog, big enough to judge a vertical video.
  const playerDialog = page.getByRole('dialog', { name: 'Sunset reel: video 1' });
  const player = playerDialog.getByTestId('video-player');
  await expect
    .poll(() => player.evaluate((node) => (node as unknown as { readyState: number }).readyState), {
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  expect((await player.boundingBox())!.height).toBeGreaterThan(300);
  await playerDialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Back to the list' }).click();

  // The video is in the library, tagged with the config's name.
  await page.getByRole('button', { name: 'Media', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search by name or tag' }).fill('Sunset reel');
  const library = page.getByRole('listbox', { name: 'Media library' });
  await expect(library.getByRole('option')).toHaveCount(1);
  await expect(library.getByRole('option').first()).toHaveAccessibleName(/^Sunset-reel-.*\.mp4$/);
});

test('the account picker groups connected accounts by platform, shows their status and weights them', async ({
  page,
  startHost,
}) => {
  const host = await startHost(['--emulators']);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Accounts' }).click();
  for (const name of ['X', 'YouTube']) {
    await connectAccount(page, name);
    await page.getByRole('button', { name: 'Done' }).click();
  }
  const xCard = page.getByRole('article', { name: 'X @reelpilot_sbx' });
  await xCard.getByRole('button', { name: 'Disable' }).click();
  await expect(xCard.getByTestId('account-status')).toHaveText('Disabled');

  await page.getByRole('button', { name: 'Configs', exact: true }).click();
  await page.getByRole('button', { name: 'Create your first config' }).click();
  await page.getByLabel('Name').fill('Two channels');
  await page.getByLabel('Media tags').fill('beach');
  const xGroup = page.getByRole('group', { name: 'X', exact: true });
  const youtubeGroup = page.getByRole('group', { name: 'YouTube', exact: true });
  await expect(xGroup).toContainText('@reelpilot_sbx');
  await expect(xGroup).toContainText('Disabled');
  await expect(youtubeGroup.getByRole('checkbox')).toHaveCount(1);
  await expect(
    page.getByText('None chosen: videos are rendered without being posted.'),
  ).toBeVisible();
  await xGroup.getByRole('checkbox').check();
  await youtubeGroup.getByRole('checkbox').check();
  await page.getByRole('radio', { name: /Spread videos across accounts/ }).check();
  await page.getByLabel('Strategy').selectOption('weighted');
  await page
    .getByLabel(/^Weight of .*@reelpilot_sbx/)
    .first()
    .fill('3');
  await page.getByRole('button', { name: 'Create config' }).click();
  await expect(page.getByText('Config created')).toBeVisible();

  const saved = (await (
    await page.request.post(`${host.origin}/api/invoke/configs:list`, {
      data: {},
      headers: { authorization: `Bearer ${new URL(host.url).searchParams.get('token')}` },
    })
  ).json()) as {
    value: Array<{ distribution: { accountIds: string[]; weights: Record<string, number> } }>;
  };
  const distribution = saved.value[0]?.distribution;
  expect(distribution?.accountIds).toHaveLength(2);
  expect(Object.values(distribution?.weights ?? {})).toContain(3);
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/host-test';
import type { Account } from '../shared/domain/accounts';
import type { ConfigDraft } from '../shared/domain/configs';
import { makeBatchVideos } from '../electron/core/batch/testing/batch-videos';
import { emulatorUrl, invoke, screenshotBothThemes } from './support/engine-calls';

async function emulatorState<T>(url: string): Promise<T> {
  return ((await (await fetch(`${url}/__emulator/state`)).json()) as { state: T }).state;
}

test('a CSV with one bad row: preview, import, progress, retry the failure, export', async ({
  page,
  startHost,
  filesDir,
}, testInfo) => {
  test.setTimeout(240_000);
  const [beach, harbour, sunset, spare1, spare2] = makeBatchVideos(filesDir, 5, 'e2e');
  const host = await startHost(['--sandbox']);
  await page.goto(host.url);
  await page.setViewportSize({ width: 1280, height: 800 });

  const accounts = await invoke<Account[]>(page, 'accounts:list', {});
  const handle = (platform: string) => accounts.find((a) => a.platform === platform)!.handle;
  // The pickers show one @ before a handle, whether the platform stored one or not.
  const shown = (platform: string) => new RegExp(`@${handle(platform).replace(/^@/, '')}`);
  const report = await invoke<{ imported: Array<{ id: string; name: string }> }>(
    page,
    'media:import',
    { paths: [beach, harbour, spare1, spare2] },
  );
  const idOf = (name: string) => report.imported.find((i) => i.name === name)!.id;

  // Instagram refuses the next upload: that item fails, and is retried once this is over.
  const instagramUrl = emulatorUrl(host.output(), 'Instagram');
  const switched = await fetch(`${instagramUrl}/__emulator/switches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rejectNext: 'The video could not be processed' }),
  });
  expect(switched.ok).toBe(true);

  const csv = [
    'scheduled_at;account;platform;media;caption;title;hashtags;privacy;external_id',
    `;${handle('x')};x;${idOf('e2e-1.mp4')};Beach day;;#beach;;p-1`,
    `;${handle('youtube')};youtube;${sunset};Sunset from a file;Sunset;;unlisted;p-2`,
    `;${handle('instagram')};instagram;${idOf('e2e-2.mp4')};Harbour lights;;;;p-3`,
    `;@nobody;x;${idOf('e2e-1.mp4')};Lost;;;;p-4`,
  ].join('\r\n');
  const csvPath = join(filesDir, 'posts.csv');
  writeFileSync(csvPath, `\uFEFF${csv}\r\n`);

  await page.getByRole('button', { name: 'Batch', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'No batches yet' })).toBeVisible();
  await screenshotBothThemes(page, testInfo, 'batch-empty');

  // The preview: a line per row, the bad one in words with its row number.
  await page.getByRole('button', { name: 'Import CSV…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Import posts from a CSV file' });
  await dialog.getByLabel('CSV file').setInputFiles(csvPath);
  await expect(dialog.getByTestId('csv-summary')).toHaveText(
    '4 rows read from posts.csv: 3 rows ready to import, 1 row with errors (left out).',
  );
  const bad = dialog.getByTestId('csv-row').filter({ hasText: 'nobody' });
  await expect(bad).toContainText('5');
  await expect(bad).toContainText('No X account "@nobody" is connected');
  await screenshotBothThemes(page, testInfo, 'batch-csv-preview');
  await dialog.getByRole('button', { name: 'Import 3 rows' }).click();
  await expect(dialog).toBeHidden();

  // The batch runs: two posts out, Instagram's refused.
  await expect(page.getByRole('heading', { name: 'posts', level: 1 })).toBeVisible();
  const items = page.getByTestId('batch-item');
  await expect(items).toHaveCount(3);
  const stateOf = (text: string) => items.filter({ hasText: text }).locator('[data-state]');
  await expect(stateOf('Beach day')).toHaveAttribute('data-state', 'succeeded', {
    timeout: 120_000,
  });
  await expect(stateOf('Sunset from a file')).toHaveAttribute('data-state', 'succeeded', {
    timeout: 120_000,
  });
  await expect(stateOf('Harbour lights')).toHaveAttribute('data-state', 'failed', {
    timeout: 120_000,
  });
  await expect(items.filter({ hasText: 'Harbour lights' })).toContainText('could not be processed');
  await expect(page.getByTestId('batch-progress-line')).toContainText('3 of 3 items finished');
  await screenshotBothThemes(page, testInfo, 'batch-detail-failed');

  // The refusal was one-off: retry the failed item.
  await page.getByRole('button', { name: 'Retry 1 failed item' }).click();
  await expect(stateOf('Harbour lights')).toHaveAttribute('data-state', 'succeeded', {
    timeout: 120_000,
  });
  await expect(page.getByTestId('batch-state')).toHaveText('Done');

  // Exactly one post per row on each platform.
  const instagram = await emulatorState<{ media: Array<{ caption: string }> }>(instagramUrl);
  expect(instagram.media.map((m) => m.caption)).toEqual(['Harbour lights']);
  const xUrl = emulatorUrl(host.output(), 'X');
  const x = await emulatorState<{ tweets: Array<{ text: string }> }>(xUrl);
  expect(x.tweets.map((t) => t.text)).toEqual(['Beach day\n\n#beach']);

  // Export the results.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('posts-results.csv');
  const exported = readFileSync(await download.path(), 'utf8');
  expect(exported.split('\n')[0]).toContain('row,external_id,account,platform,media');
  expect(exported).toContain('p-3');
  expect(exported.match(/succeeded/g)).toHaveLength(3);

  // The same file again: nothing new.
  await page.getByRole('button', { name: 'All batches' }).click();
  await expect(page.getByTestId('batch-row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  await dialog.getByLabel('CSV file').setInputFiles(csvPath);
  await expect(dialog.getByTestId('csv-summary')).toContainText(
    '0 rows ready to import, 1 row with errors (left out), 3 rows imported before (nothing new)',
  );
  await expect(dialog.getByRole('button', { name: 'Nothing to import' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await screenshotBothThemes(page, testInfo, 'batch-list');

  // A distribute batch: the videos from the library, the accounts, the slots preview.
  await page.getByRole('button', { name: 'Distribute videos…' }).click();
  const distribute = page.getByRole('dialog', { name: 'Distribute videos' });
  await distribute.getByLabel('Batch name').fill('Spare clips');
  await distribute.getByRole('button', { name: 'Choose videos…' }).click();
  const gallery = page.getByRole('dialog', { name: 'Choose the videos to post' });
  const library = gallery.getByRole('listbox', { name: 'Media library' });
  await library.getByRole('option', { name: 'e2e-4.mp4' }).click();
  await library.getByRole('option', { name: 'e2e-5.mp4' }).click({ modifiers: ['Control'] });
  await gallery.getByRole('button', { name: /Use these videos|Use 2 selected/ }).click();
  await expect(distribute.getByTestId('chosen-videos')).toContainText('2 videos');
  await distribute.getByRole('checkbox', { name: shown('youtube') }).check();
  await distribute.getByRole('checkbox', { name: shown('x') }).check();
  await distribute.getByLabel('Title (YouTube needs one)').fill('Spare clip');
  await expect(distribute.getByTestId('slots-preview')).toContainText('4 posts planned');
  await screenshotBothThemes(page, testInfo, 'batch-distribute-dialog');
  await distribute.getByRole('button', { name: 'Create batch of 4 posts' }).click();
  await expect(page.getByRole('heading', { name: 'Spare clips', level: 1 })).toBeVisible();
  await expect(page.getByTestId('batch-item')).toHaveCount(4);
});

test('a generate batch of two topics: the dialog, each rendered and posted once with its topic', async ({
  page,
  startHost,
  filesDir,
}, testInfo) => {
  test.setTimeout(240_000);
  const [clip] = makeBatchVideos(filesDir, 1, 'gen');
  // Every platform accepts 540x960 renders; they are quick on a shared machine.
  const host = await startHost(['--sandbox'], { REELPILOT_RENDER_HEIGHT: '960' });
  await page.goto(host.url);
  await page.setViewportSize({ width: 1280, height: 800 });

  const accounts = await invoke<Account[]>(page, 'accounts:list', {});
  const x = accounts.find((a) => a.platform === 'x')!;
  // Both posts go to one account: without its minimum gap they need not wait for each other.
  await invoke(page, 'accounts:updateLimits', {
    accountId: x.id,
    limits: { postsPerHour: null, postsPerDay: null, minGapMinutes: null },
  });
  const report = await invoke<{ imported: Array<{ id: string }> }>(page, 'media:import', {
    paths: [clip],
  });
  const defaults = await invoke<ConfigDraft>(page, 'configs:defaults', {});
  await invoke(page, 'configs:create', {
    ...defaults,
    name: 'Beach tips',
    content: {
      ...defaults.content,
      sources: { tags: [], folders: [], itemIds: [report.imported[0]!.id] },
      clipCount: 1,
      lengthSeconds: 3,
      transition: { type: 'none', durationMs: 0 },
    },
    platforms: { ...defaults.platforms, x: { ...defaults.platforms.x, enabled: true } },
    distribution: {
      mode: 'spread',
      strategy: 'roundRobin',
      accountIds: [x.id],
      weights: {},
      videosPerRun: 1,
    },
  } satisfies ConfigDraft);

  await page.getByRole('button', { name: 'Batch', exact: true }).click();
  await page.getByRole('button', { name: 'Generate videos…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Generate videos' });
  await dialog.getByLabel('Batch name').fill('Beach topics');
  await dialog.getByRole('combobox', { name: 'Config' }).selectOption({ label: 'Beach tips' });
  await dialog.getByLabel('Topics, one per line').fill('Tide pools\nNight swim');
  await dialog.getByRole('textbox', { name: 'Caption', exact: true }).fill('Tip: {topic}');
  await expect(dialog.getByTestId('topic-count')).toHaveText(
    '2 videos, one per line. Each line fills {topic}.',
  );
  await expect(dialog.getByRole('list', { name: 'First topics' })).toContainText('Tip: Tide pools');
  await expect(dialog.getByText('(1 account)')).toBeVisible();
  await screenshotBothThemes(page, testInfo, 'batch-generate-dialog');
  await dialog.getByRole('button', { name: 'Create batch of 2 videos' }).click();

  await expect(page.getByRole('heading', { name: 'Beach topics', level: 1 })).toBeVisible();
  const items = page.getByTestId('batch-item');
  await expect(items).toHaveCount(2);
  for (const topic of ['Tide pools', 'Night swim']) {
    await expect(items.filter({ hasText: topic }).locator('[data-state]')).toHaveAttribute(
      'data-state',
      'succeeded',
      { timeout: 180_000 },
    );
  }
  await expect(items.first()).toContainText('Rendered and posted to 1 account.');
  const tweets = await emulatorState<{ tweets: Array<{ text: string }> }>(
    emulatorUrl(host.output(), 'X'),
  );
  expect(tweets.tweets.map((t) => t.text).sort()).toEqual(['Tip: Night swim', 'Tip: Tide pools']);
  await screenshotBothThemes(page, testInfo, 'batch-generate-done');
});

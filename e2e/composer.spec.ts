import type { Page } from '@playwright/test';
import { createServer } from 'node:net';
import type { Config } from '../shared/domain/configs';
import type { DistributionVideo } from '../shared/domain/distribution';
import { makeMedia } from '../electron/core/media/testing/make-media';
import { expect, test } from './support/host-test';
import { screenshotThemes } from './support/screenshots';

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

test('a video cross-posted from the editor reaches all five platforms, and the run says so', async ({
  page,
  startHost,
  filesDir,
}) => {
  test.setTimeout(180_000);
  const photo = makeMedia.image(filesDir, 'harbour.png', 'teal', '1080x1920');
  // 540x960: small to render, and every platform (Facebook from 540x960) accepts it.
  const host = await startHost(['--sandbox'], { REELPILOT_RENDER_HEIGHT: '960' });
  await page.goto(host.url);
  await invoke(page, 'media:import', { paths: [photo] });

  await page.getByRole('button', { name: 'Configs', exact: true }).click();
  await page.getByRole('button', { name: 'Create your first config' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Harbour everywhere');
  await page.getByRole('button', { name: 'Pick media…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pick photos and videos' });
  await dialog.getByRole('option', { name: 'harbour.png' }).click();
  await dialog.getByRole('button', { name: 'Use 1 selected' }).click();
  await page.getByLabel('Clips per video').fill('1');
  await page.getByLabel('Video length (seconds)').fill('3');
  await page.getByLabel('Transition', { exact: true }).selectOption('none');

  // One caption written once, used on every platform; YouTube also needs a title.
  const tiktok = page.getByTestId('composer-tiktok');
  await tiktok.getByRole('checkbox', { name: 'TikTok' }).check();
  await tiktok.getByLabel('TikTok caption', { exact: true }).fill('Morning at the harbour');
  await tiktok.getByLabel('TikTok hashtags', { exact: true }).fill('harbour morning');
  await tiktok.getByRole('button', { name: /on every platform/ }).click();
  for (const name of ['YouTube', 'Instagram', 'Facebook', 'X']) {
    await page.getByRole('checkbox', { name, exact: true }).check();
  }
  const youtube = page.getByTestId('composer-youtube');
  await youtube.getByLabel('YouTube title', { exact: true }).fill('{config} · part {index}');
  await expect(page.getByTestId('composer-x').getByLabel('X post', { exact: true })).toHaveValue(
    'Morning at the harbour',
  );

  const mode = page.getByRole('radiogroup', { name: 'How videos are posted' });
  await expect(mode.getByRole('radio', { name: /Post each video to every/ })).toBeChecked();
  for (const box of await page
    .getByRole('group', { name: 'Distribution' })
    .getByRole('checkbox')
    .all())
    await box.check();
  await expect(page.getByTestId('run-plan')).toHaveText(
    'Each run: 1 video → 6 accounts on 5 platforms (6 posts).',
  );
  await page.getByRole('button', { name: 'Create config' }).click();
  await expect(page.getByText('Config created')).toBeVisible();

  const row = page.getByTestId('config-row').filter({ hasText: 'Harbour everywhere' });
  await row.getByRole('button', { name: 'Run now' }).click();
  await expect(row.getByTestId('last-run')).toContainText('6 of 6 posted on 5 platforms', {
    timeout: 120_000,
  });

  // The engine's side: one video, one post per chosen account, every one published once.
  const configs = await invoke<Config[]>(page, 'configs:list', {});
  const config = configs.find((c) => c.name === 'Harbour everywhere')!;
  const videos = (await invoke<DistributionVideo[]>(page, 'distribution:list', {})).filter(
    (video) => video.configId === config.id,
  );
  expect(videos).toHaveLength(1);
  const targets = videos[0]!.targets;
  expect(targets).toHaveLength(6);
  expect(new Set(targets.map((t) => t.accountId)).size).toBe(6);
  expect(new Set(targets.map((t) => t.platform))).toEqual(
    new Set(['tiktok', 'youtube', 'instagram', 'facebook', 'x']),
  );
  expect(targets.every((t) => t.state === 'success' && t.remoteId)).toBe(true);
  expect(new Set(targets.map((t) => `${t.platform}:${t.remoteId}`)).size).toBe(6);

  await screenshotThemes(page, 'configs-list');
  await row.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('run-posts').first()).toContainText(
    'Posts: 6 of 6 posted on 5 platforms',
  );
  await screenshotThemes(page, 'configs-history');
  // The sidebar brings the list back from the history.
  await page.getByRole('button', { name: 'Configs', exact: true }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Edit' }).click();
  await page.getByTestId('composer-youtube').scrollIntoViewIfNeeded();
  await screenshotThemes(page, 'configs-editor-composer');
  await page.getByTestId('run-plan').scrollIntoViewIfNeeded();
  await screenshotThemes(page, 'configs-editor-distribution');
});

test('a too-long X post is flagged while typing and cannot be saved for X', async ({
  page,
  startHost,
}) => {
  const host = await startHost();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Configs', exact: true }).click();
  await page.getByRole('button', { name: 'Create your first config' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Short and sweet');
  await page.getByLabel('Media tags').fill('beach');
  const x = page.getByTestId('composer-x');
  await x.getByRole('checkbox', { name: 'X' }).check();
  // No title field: X has none.
  await expect(x.getByRole('textbox', { name: /title/ })).toHaveCount(0);
  const post = x.getByLabel('X post', { exact: true });
  await post.fill('a'.repeat(279));
  await expect(x.getByTestId('x-caption-count')).toHaveText(
    '279 / 280 characters (links count 23, emoji and most CJK count 2)',
  );
  // Typed one key at a time past the limit: flagged at once, before any save.
  await post.press('End');
  await post.pressSequentially('bc');
  await expect(x.getByTestId('x-caption-count')).toHaveText(/^281 \/ 280/);
  await expect(post).toHaveAttribute('aria-invalid', 'true');
  await expect(
    x.getByText(/The post has 281 characters .*X allows 280\. Shorten it\./),
  ).toBeVisible();
  await screenshotThemes(page, 'configs-editor-x-too-long');

  await page.getByRole('button', { name: 'Create config' }).click();
  await expect(page.getByText('Fix the highlighted field to save.')).toBeVisible();
  expect(await invoke<Config[]>(page, 'configs:list', {})).toEqual([]);

  // The engine refuses it too, in the same words, should anything skip the editor.
  const draft = await invoke<Config>(page, 'configs:defaults', {});
  const refused = await page.evaluate(
    async (body) =>
      (await fetch('/api/invoke/configs:create', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json())) as { ok: boolean; error: { message: string } },
    {
      ...draft,
      name: 'Around the editor',
      content: { ...draft.content, sources: { tags: ['beach'], folders: [], itemIds: [] } },
      platforms: {
        ...draft.platforms,
        x: { ...draft.platforms.x, enabled: true, captionTemplate: 'a'.repeat(281) },
      },
    },
  );
  expect(refused.ok).toBe(false);
  expect(refused.error.message).toMatch(/X allows 280/);

  await post.press('Backspace');
  await expect(x.getByTestId('x-caption-count')).toHaveText(/^280 \/ 280/);
  await page.getByRole('button', { name: 'Create config' }).click();
  await expect(page.getByText('Config created')).toBeVisible();
});

/** A port free on the loopback address now, to start the host on the same one twice. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

test('a tab that outlived a restart says ReelPilot restarted and where to go', async ({
  page,
  startHost,
}) => {
  const port = String(await freePort());
  const first = await startHost(['--port', port]);
  await page.goto(first.url);
  await page.getByRole('button', { name: 'Configs', exact: true }).click();
  await expect(page.getByText('No configs yet.')).toBeVisible();

  const second = await startHost(['--port', port]);
  expect(second.origin).toBe(first.origin);
  // The old tab keeps its key from the first run: its next request is refused, in words.
  await page.getByRole('button', { name: 'Create your first config' }).click();
  const notice = page.getByRole('alertdialog', {
    name: 'This page lost its connection to ReelPilot',
  });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('ReelPilot was restarted since this page was opened');
  await expect(notice).toContainText(`Open: http://127.0.0.1:${port}/?token=…`);

  // Reloading shows the same words, not a bare refusal.
  await page.reload();
  await expect(
    page.getByRole('heading', { name: 'Open ReelPilot from its address' }),
  ).toBeVisible();
  await expect(page.getByText('ReelPilot was restarted since this page was opened')).toBeVisible();
  // The new address works.
  await page.goto(second.url);
  await expect(page.getByRole('button', { name: 'Configs', exact: true })).toBeVisible();
});

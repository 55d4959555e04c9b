import type { Page } from '@playwright/test';
import { expect, test } from './support/host-test';
import type { Account } from '../shared/domain/accounts';
import type { ConfigDraft } from '../shared/domain/configs';
import type { DistributionTarget, DistributionVideo } from '../shared/domain/distribution';
import { makeMedia } from '../electron/core/media/testing/make-media';
import { emulatorUrl, invoke, screenshotBothThemes } from './support/engine-calls';

const platforms = ['tiktok', 'youtube', 'instagram', 'facebook', 'x'] as const;
const zone = 'Europe/Paris';

/**
 * A "Demo reel" config in the sandbox: one photo, five 3-second videos per run spread over one
 * account per platform, scheduled daily at 09:00 in Paris.
 */
async function demoReel(page: Page, photo: string): Promise<{ id: string; accounts: Account[] }> {
  await invoke(page, 'settings:update', { timeZone: zone });
  const accounts = await invoke<Account[]>(page, 'accounts:list', {});
  const chosen = platforms.map((p) => accounts.find((a) => a.platform === p)!);
  const report = await invoke<{ imported: Array<{ id: string }> }>(page, 'media:import', {
    paths: [photo],
  });
  const defaults = await invoke<ConfigDraft>(page, 'configs:defaults', {});
  const config = await invoke<{ id: string }>(page, 'configs:create', {
    ...defaults,
    name: 'Demo reel',
    schedule: { ...defaults.schedule, timeZone: zone, rule: { kind: 'daily', times: ['09:00'] } },
    content: {
      ...defaults.content,
      sources: { tags: [], folders: [], itemIds: [report.imported[0]!.id] },
      clipCount: 1,
      lengthSeconds: 3,
      transition: { type: 'none', durationMs: 0 },
      textOverlay: { ...defaults.content.textOverlay, enabled: false },
    },
    platforms: Object.fromEntries(
      platforms.map((p) => [
        p,
        // YouTube refuses a Short without a title.
        { ...defaults.platforms[p], enabled: true, titleTemplate: 'Demo reel' },
      ]),
    ),
    distribution: {
      ...defaults.distribution,
      mode: 'spread',
      strategy: 'roundRobin',
      accountIds: chosen.map((a) => a.id),
      weights: {},
      videosPerRun: 5,
    },
  });
  return { id: config.id, accounts: chosen };
}

async function targets(page: Page): Promise<DistributionTarget[]> {
  const videos = await invoke<DistributionVideo[]>(page, 'distribution:list', { limit: 200 });
  return videos.flatMap((video) => video.targets);
}

/** "2026-03-01" and "14:30" of an instant in Paris. */
function parisWall(at: number): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

test('a failed post is edited and retried; every video of a run has its card, named apart', async ({
  page,
  startHost,
  filesDir,
}, testInfo) => {
  test.setTimeout(240_000);
  const photo = makeMedia.image(filesDir, 'sunrise.png', 'orange', '1080x1920');
  const host = await startHost(['--sandbox']);
  await page.goto(host.url);
  const config = await demoReel(page, photo);

  // Instagram refuses the next upload for its content.
  const instagramUrl = emulatorUrl(host.output(), 'Instagram');
  const switched = await fetch(`${instagramUrl}/__emulator/switches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rejectNext: 'The video could not be processed' }),
  });
  expect(switched.ok).toBe(true);
  await invoke(page, 'configs:executeNow', { id: config.id });

  await page.getByRole('button', { name: 'Distribution', exact: true }).click();
  const instagram = page.getByTestId('target-instagram');
  await expect(instagram.locator('[data-state]')).toHaveAttribute('data-state', 'failed', {
    timeout: 180_000,
  });

  // Edit the refused post: the counters follow the typing, then Save and retry.
  await instagram.getByRole('button', { name: 'Edit…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Edit the Instagram post/ });
  await expect(dialog).toContainText('Instagram took the old text with the upload');
  await dialog.getByLabel('Caption').fill('Sunrise over the lake');
  await dialog.getByLabel('Hashtags').fill('#sunrise #lake');
  await expect(dialog).toContainText('37 / 2,200 characters');
  await expect(dialog).toContainText('2 / 30 hashtags');
  await expect(dialog.getByTestId('post-preview')).toHaveText(
    'Sunrise over the lake\n\n#sunrise #lake',
  );
  await screenshotBothThemes(page, testInfo, 'post-editor');
  await dialog.getByRole('button', { name: 'Save and retry' }).click();
  await expect(dialog).toBeHidden();
  await expect(instagram.locator('[data-state]')).toHaveAttribute('data-state', 'success', {
    timeout: 60_000,
  });
  await expect(instagram).toContainText('Text edited');

  // Exactly one Instagram post, with the edited caption.
  const state = (await (await fetch(`${instagramUrl}/__emulator/state`)).json()) as {
    state: { media: Array<{ caption: string }> };
  };
  expect(state.state.media.map((m) => m.caption)).toEqual([
    'Sunrise over the lake\n\n#sunrise #lake',
  ]);
  const edited = (await targets(page)).find((t) => t.platform === 'instagram')!;
  const changes = await invoke<Array<{ kind: string; by: string; upload: string }>>(
    page,
    'distribution:changes',
    { targetId: edited.id },
  );
  expect(changes).toEqual([
    expect.objectContaining({ kind: 'text', by: 'http', upload: 'restarted' }),
  ]);

  // Five posts, one per platform; without cross-posting each video has its own card, named by
  // its run and its place in it.
  const cards = page.getByTestId('distribution-video');
  await expect(cards).toHaveCount(5, { timeout: 120_000 });
  for (const platform of platforms)
    await expect(page.getByTestId(`target-${platform}`).locator('[data-state]')).toHaveAttribute(
      'data-state',
      'success',
      { timeout: 120_000 },
    );
  const names = await cards.getByRole('heading', { level: 2 }).allTextContents();
  expect(new Set(names).size).toBe(5);
  expect(names.every((name) => /^Demo reel · \w{3} \d+ \d\d:\d\d · [1-5] of 5$/.test(name))).toBe(
    true,
  );
  await expect(cards.filter({ hasText: 'Posted everywhere' })).toHaveCount(0);
  // The unaudited TikTok app posts privately, and the post says so.
  const tiktok = page.getByTestId('target-tiktok');
  await expect(tiktok).toContainText('Posted as private: this TikTok app is not audited');
  await expect(tiktok.getByTestId('metrics')).toContainText('Metrics not reported');
  await expect(
    page.getByTestId('target-youtube').getByRole('link', { name: 'Open on YouTube' }),
  ).toBeVisible();

  // The rendered video plays from its card.
  await cards
    .first()
    .getByRole('button', { name: /^Play Demo reel/ })
    .click();
  const player = page.getByRole('dialog').getByTestId('video-player');
  await expect
    .poll(() => player.evaluate((node) => (node as unknown as { readyState: number }).readyState), {
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  await page.evaluate('window.scrollTo(0, 0)');
  await screenshotBothThemes(page, testInfo, 'distribution');
});

test('the calendar shows the next runs and the waiting posts, and a waiting post is moved', async ({
  page,
  startHost,
  filesDir,
}, testInfo) => {
  test.setTimeout(240_000);
  const photo = makeMedia.image(filesDir, 'lake.png', 'teal', '1080x1920');
  const host = await startHost(['--sandbox']);
  await page.goto(host.url);
  const config = await demoReel(page, photo);
  const tiktokAccount = config.accounts[0]!;

  // A first run posts everywhere; then TikTok asks for an hour between posts, and the second
  // run's TikTok post waits for its slot.
  await invoke(page, 'configs:executeNow', { id: config.id });
  await expect
    .poll(async () => (await targets(page)).filter((t) => t.state === 'success').length, {
      timeout: 180_000,
    })
    .toBe(5);
  await invoke(page, 'accounts:updateLimits', {
    accountId: tiktokAccount.id,
    limits: { postsPerHour: null, postsPerDay: null, minGapMinutes: 60 },
  });
  await invoke(page, 'configs:executeNow', { id: config.id });
  let waiting: DistributionTarget | undefined;
  await expect
    .poll(
      async () => {
        waiting = (await targets(page)).find(
          (t) => t.platform === 'tiktok' && t.state === 'pending' && t.waitingUntil !== null,
        );
        return waiting !== undefined;
      },
      { timeout: 180_000 },
    )
    .toBe(true);
  const lastPost = (await targets(page)).find(
    (t) => t.platform === 'tiktok' && t.state === 'success',
  )!.publishedAt!;

  await page.getByRole('button', { name: 'Calendar', exact: true }).click();
  await expect(page.getByText(`Times in ${zone} (Settings).`)).toBeVisible();
  // The next scheduled runs: 09:00 in Paris every day of the week shown.
  await expect(page.getByTestId('calendar-run').first()).toContainText('09:00 Demo reel');
  expect(await page.getByTestId('calendar-run').count()).toBeGreaterThanOrEqual(6);
  const chip = page.getByRole('button', { name: /^TikTok post of .*, waiting, / });
  await expect(chip).toBeVisible();
  await chip.scrollIntoViewIfNeeded();
  await screenshotBothThemes(page, testInfo, 'calendar-week');

  // "Move to…" a time inside the hour after the last post: refused, saying why and where.
  await chip.click();
  const dialog = page.getByRole('dialog', { name: /^Move the TikTok/ });
  const tooSoon = parisWall(lastPost + 30 * 60_000);
  await dialog.getByLabel('Date').fill(tooSoon.date);
  await dialog.getByLabel(`Time (${zone})`).fill(tooSoon.time);
  await dialog.getByRole('button', { name: 'Move', exact: true }).click();
  const refusal = dialog.getByRole('alert');
  await expect(refusal).toContainText('You asked for at least 60 minutes between posts');
  await expect(refusal).toContainText(`the nearest free slot is`);
  await expect(refusal).toContainText(`(${zone})`);
  await refusal.getByRole('button', { name: /^Move it to .* instead$/ }).click();
  await expect(dialog).toBeHidden();

  // Drag it with the pointer to tomorrow at 10 o'clock: it keeps its minutes.
  const planned = (await targets(page)).find((t) => t.id === waiting!.id)!;
  const minutes = parisWall(planned.waitingUntil!).time.slice(3);
  const tomorrow = parisWall(Date.now() + 86_400_000).date;
  const cell = page.locator(`td[data-drop-date="${tomorrow}"][data-drop-hour="10"]`);
  await cell.scrollIntoViewIfNeeded();
  const moving = page.getByRole('button', { name: /^TikTok post of .*, waiting, / });
  await moving.scrollIntoViewIfNeeded();
  const from = (await moving.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await cell.scrollIntoViewIfNeeded();
  const to = (await cell.boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(cell.getByRole('button', { name: /^TikTok post of/ })).toBeVisible();
  await expect(cell).toContainText(`10:${minutes} TikTok`);
  const moved = (await targets(page)).find((t) => t.id === waiting!.id)!;
  expect(parisWall(moved.notBefore!)).toEqual({ date: tomorrow, time: `10:${minutes}` });
  await expect(cell).toContainText('moved');

  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Month' }).click();
  await expect(page.getByTestId('calendar-run').first()).toBeVisible();
  await screenshotBothThemes(page, testInfo, 'calendar-month');
});

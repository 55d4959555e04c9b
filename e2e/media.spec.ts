import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/host-test';
import { makeMedia } from '../electron/core/media/testing/make-media';

/** The GalleryDialog as a config's editor opens it, to pick photos and videos. */
async function openPicker(page: Page) {
  await page.getByRole('button', { name: 'Configs', exact: true }).click();
  await page.getByRole('button', { name: 'Create your first config' }).click();
  await page.getByRole('button', { name: 'Pick media…' }).click();
  return page.getByRole('dialog', { name: 'Pick photos and videos' });
}

test('upload into the GalleryDialog, filter, multi-select and get the selection back', async ({
  page,
  startHost,
  filesDir,
}) => {
  const picture = makeMedia.image(filesDir, 'sunrise.png', 'orange', '320x240');
  const video = makeMedia.video(filesDir, 'waves.mp4');
  const broken = makeMedia.corrupt(filesDir, 'broken.mp4');
  const host = await startHost();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Media', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Media', exact: true })).toBeVisible();
  await expect(page.getByText('The library is empty.')).toBeVisible();

  const dialog = await openPicker(page);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('tab', { name: 'Add media' }).click();
  await dialog.getByTestId('upload-input').setInputFiles([picture, video, broken]);
  const report = dialog.getByRole('status', { name: 'Import report' });
  await expect(report).toContainText('2 added, 1 not added.');
  await expect(report).toContainText('broken.mp4 could not be read as a video');

  await dialog.getByRole('tab', { name: 'Library' }).click();
  const grid = dialog.getByRole('listbox', { name: 'Media library' });
  await expect(grid.getByRole('option')).toHaveCount(2);
  // The picture's thumbnail arrives through the host's token-protected route.
  const thumb = grid.getByRole('option', { name: 'sunrise.png' }).locator('img');
  await expect(thumb).toHaveAttribute('src', /\/media\/[^/]+\/thumbnail/);
  await expect
    .poll(() =>
      thumb.evaluate((node) => {
        const img = node as unknown as { complete: boolean; naturalWidth: number };
        return img.complete ? img.naturalWidth : 0;
      }),
    )
    .toBeGreaterThan(0);

  await dialog.getByRole('button', { name: 'Pictures' }).click();
  await expect(grid.getByRole('option')).toHaveCount(1);
  await expect(grid.getByRole('option').first()).toHaveAccessibleName('sunrise.png');
  await dialog.getByRole('button', { name: 'Videos' }).click();
  await expect(grid.getByRole('option')).toHaveCount(1);
  await expect(grid.getByRole('option').first()).toHaveAccessibleName('waves.mp4');
  await dialog.getByRole('button', { name: 'All', exact: true }).click();
  await dialog.getByRole('searchbox', { name: 'Search by name or tag' }).fill('sun');
  await expect(grid.getByRole('option')).toHaveCount(1);
  await dialog.getByRole('searchbox', { name: 'Search by name or tag' }).fill('');
  await expect(grid.getByRole('option')).toHaveCount(2);

  await dialog.getByRole('button', { name: 'Clear selection' }).click();
  await expect(dialog.getByText('Nothing selected')).toBeVisible();
  await grid.getByRole('option', { name: 'waves.mp4' }).click();
  await expect(dialog.getByText('1 selected', { exact: true })).toBeVisible();
  await expect(
    dialog.getByRole('complementary', { name: 'Preview' }).locator('video'),
  ).toBeVisible();
  await grid.getByRole('option', { name: 'sunrise.png' }).click({ modifiers: ['Control'] });
  await expect(dialog.getByText('2 selected', { exact: true })).toBeVisible();
  await expect(grid.getByRole('option', { selected: true })).toHaveCount(2);
  // A picker gathers: a plain click takes one out and puts it back, keeping the other.
  await grid.getByRole('option', { name: 'waves.mp4' }).click();
  await expect(dialog.getByText('1 selected', { exact: true })).toBeVisible();
  await expect(grid.getByRole('option', { name: 'sunrise.png' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await grid.getByRole('option', { name: 'waves.mp4' }).click();
  await expect(dialog.getByText('2 selected', { exact: true })).toBeVisible();

  // Keyboard: Space toggles the active item, Ctrl+A selects everything again.
  await grid.press(' ');
  await expect(dialog.getByText('1 selected', { exact: true })).toBeVisible();
  await grid.press('Control+a');
  await expect(dialog.getByText('2 selected', { exact: true })).toBeVisible();

  await dialog.getByRole('button', { name: 'Use 2 selected' }).click();
  await expect(dialog).toBeHidden();
  const picked = page.getByRole('list', { name: 'Picked media' });
  await expect(picked.getByTestId('picked-item')).toHaveCount(2);
  await expect(picked).toContainText('sunrise.png');
  await expect(picked).toContainText('waves.mp4');

  // Leaving the unsaved config asks first; discarding goes on to the library.
  await page.getByRole('button', { name: 'Media', exact: true }).click();
  await page
    .getByRole('dialog', { name: /unsaved changes/ })
    .getByRole('button', { name: 'Discard changes' })
    .click();
  await expect(page.getByTestId('media-stats')).toContainText('2 items');
  // The Media screen has no picker of its own: it is the library.
  await expect(page.getByRole('button', { name: 'Pick media…' })).toHaveCount(0);
});

test('Escape closes the dialog and gives focus back', async ({ page, startHost }) => {
  const host = await startHost();
  await page.goto(host.url);
  await expect(await openPicker(page)).toBeVisible();
  const opener = page.getByRole('button', { name: 'Pick media…' });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(opener).toBeFocused();
});

test('files dropped on the library are uploaded, with a line for each bad one', async ({
  page,
  startHost,
  filesDir,
}) => {
  const picture = readFileSync(makeMedia.image(filesDir, 'dropped.png', 'teal', '80x60'));
  const host = await startHost();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Media', exact: true }).click();
  await expect(page.getByText('The library is empty.')).toBeVisible();
  const transfer = await page.evaluateHandle((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    // The e2e files are type-checked without the DOM library; this runs in the page.
    const scope = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: File): void } };
    };
    const data = new scope.DataTransfer();
    data.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
    data.items.add(new File([], 'zero.jpg', { type: 'image/jpeg' }));
    return data;
  }, picture.toString('base64'));
  const library = page.getByTestId('media-library');
  await library.dispatchEvent('dragover', { dataTransfer: transfer });
  await library.dispatchEvent('drop', { dataTransfer: transfer });
  const report = page.getByRole('status', { name: 'Import report' });
  await expect(report).toContainText('1 added, 1 not added.');
  await expect(report).toContainText('zero.jpg is empty (0 bytes)');
  await expect(page.getByRole('option', { name: 'dropped.png' })).toBeVisible();
});

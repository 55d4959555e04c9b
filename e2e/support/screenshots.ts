import path from 'node:path';
import { expect, type Page } from '@playwright/test';

/**
 * Where the e2e run keeps its screenshots of the screens: a test artifact beside Playwright's
 * own output (`test-results/`), looked at by people, never compared by the tests.
 */
export const screenshotsDir = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  'test-results',
  'screens',
);

/**
 * Screenshots the page at 1280x800 in the light and the dark theme (the app follows the
 * system's), as `<name>-light.png` and `<name>-dark.png`.
 */
export async function screenshotThemes(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    // An attribute check, not a page script: the app's CSP refuses `eval`, which a string
    // predicate needs.
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: path.join(screenshotsDir, `${name}-${theme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

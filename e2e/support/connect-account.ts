import { expect, type Page } from '@playwright/test';

/**
 * Connects an account from the Accounts screen the way a person does: the platform chosen in
 * the dialog, the emulator's consent page in a new tab, which lands on "connected" and is
 * closed. The dialog is left open on its result.
 */
export async function connectAccount(page: Page, platform: string): Promise<void> {
  await page.getByRole('button', { name: 'Connect account' }).click();
  await page.getByRole('radio', { name: platform, exact: true }).check();
  const popup = page.context().waitForEvent('page');
  await page.getByRole('button', { name: `Continue to ${platform}` }).click();
  const tab = await popup;
  await expect(tab.getByRole('heading', { name: `${platform} connected` })).toBeVisible();
  await tab.close();
}

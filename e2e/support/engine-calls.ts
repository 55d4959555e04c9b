import type { Page, TestInfo } from '@playwright/test';

/** Calls the engine the way the page does: same origin, with the host's cookie. */
export async function invoke<T>(page: Page, channel: string, input: unknown): Promise<T> {
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

/** The address of an emulator the sandbox printed ("  Instagram: http://127.0.0.1:…"). */
export function emulatorUrl(output: string, name: string): string {
  const match = new RegExp(`  ${name}: (http://127\\.0\\.0\\.1:\\d+)`).exec(output);
  if (!match?.[1]) throw new Error(`No ${name} emulator address in:\n${output}`);
  return match[1];
}

/**
 * Screenshots of the page as it is, at 1280×800, in the light and the dark theme (switched in
 * Settings, as a person would), kept with the test's results and attached to its report.
 */
export async function screenshotBothThemes(
  page: Page,
  testInfo: TestInfo,
  name: string,
): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const theme of ['light', 'dark'] as const) {
    await invoke(page, 'settings:update', { theme });
    await page.locator(`html[data-theme="${theme}"]`).waitFor();
    const path = testInfo.outputPath(`${name}-${theme}.png`);
    await page.screenshot({ path });
    await testInfo.attach(`${name}-${theme}`, { path, contentType: 'image/png' });
  }
  await invoke(page, 'settings:update', { theme: 'system' });
}

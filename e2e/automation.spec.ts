import type { Page } from '@playwright/test';
import { expect, test } from './support/host-test';

/** The contract over the page's own session (setup and checks; the feature is driven by clicks). */
async function invoke<T>(page: Page, channel: string, input: unknown = {}): Promise<T> {
  const answer = (await page.evaluate(
    async ([name, body]) =>
      (
        await fetch(`/api/invoke/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json(),
    [channel, input] as const,
  )) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!answer.ok) throw new Error(`${channel}: ${answer.error?.message}`);
  return answer.value as T;
}

test('pause all from the UI shows the banner on every screen and holds a scheduled run; resume runs it', async ({
  page,
  startHost,
}) => {
  // A real schedule: the next whole minute has to come while automation is paused.
  test.setTimeout(150_000);
  const host = await startHost();
  await page.goto(host.url);
  await expect(page.getByTestId('automation-state')).toHaveText('Idle');

  await page.getByRole('button', { name: 'Pause all automation' }).click();
  const banner = page.getByRole('status', { name: 'Automation paused' });
  await expect(banner).toContainText('Automation is paused since');
  await expect(banner).toContainText('Schedules do not run and no new upload starts');
  await expect(page.getByTestId('automation-state')).toHaveText('Paused');
  for (const screen of ['Accounts', 'Distribution', 'Settings']) {
    await page.getByRole('button', { name: screen, exact: true }).click();
    await expect(banner).toBeVisible();
  }
  // The pause is kept by the engine: a reload (or a restart) still shows it.
  await page.reload();
  await expect(banner).toBeVisible();

  // A config due every minute: its next occurrence comes and goes while paused.
  const defaults = await invoke<Record<string, Record<string, unknown>>>(page, 'configs:defaults');
  const config = await invoke<{ id: string; nextRunAt: number }>(page, 'configs:create', {
    ...defaults,
    name: 'Every minute',
    schedule: { ...defaults.schedule, rule: { kind: 'cron', expression: '* * * * *' } },
    content: { ...defaults.content, sources: { tags: ['beach'], folders: [], itemIds: [] } },
  });
  await page.getByRole('button', { name: 'Configs', exact: true }).click();
  const row = page.getByTestId('config-row').filter({ hasText: 'Every minute' });
  await expect(row).toContainText('Never run');
  const wait = config.nextRunAt - Date.now() + 3_000;
  await page.waitForTimeout(Math.max(0, wait));
  await invoke(page, 'configs:checkDue');
  expect(await invoke<unknown[]>(page, 'configs:history', { configId: config.id })).toEqual([]);
  await expect(row).toContainText('Never run');
  await expect(page.getByTestId('automation-activity')).toContainText('Paused since');

  // Resume: the occurrence that came due while paused runs now, once.
  await page.getByRole('button', { name: 'Resume automation' }).first().click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('automation-state')).not.toHaveText('Paused');
  await expect
    .poll(
      async () =>
        invoke<Array<{ trigger: string }>>(page, 'configs:history', { configId: config.id }),
      {
        timeout: 15_000,
      },
    )
    .toEqual([expect.objectContaining({ trigger: 'schedule', missedCount: 0 })]);
  await expect(row).not.toContainText('Never run');
});

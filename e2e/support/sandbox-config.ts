import type { Page } from '@playwright/test';
import type { Account } from '../../shared/domain/accounts';
import type { ConfigDraft } from '../../shared/domain/configs';
import { invoke } from './engine-calls';

export const sandboxPlatforms = ['tiktok', 'youtube', 'instagram', 'facebook', 'x'] as const;

/**
 * A config of the sandbox making 3-second videos of one picture, five per run, one to each of
 * the sandbox's accounts (one per platform, in `sandboxPlatforms` order), every platform on.
 */
export async function createSandboxConfig(
  page: Page,
  options: { name: string; picture: string },
): Promise<{ config: { id: string }; accounts: Array<Account | undefined> }> {
  const all = await invoke<Account[]>(page, 'accounts:list', {});
  const accounts = sandboxPlatforms.map((p) => all.find((a) => a.platform === p));
  const report = await invoke<{ imported: Array<{ id: string }> }>(page, 'media:import', {
    paths: [options.picture],
  });
  const defaults = await invoke<ConfigDraft>(page, 'configs:defaults', {});
  const config = await invoke<{ id: string }>(page, 'configs:create', {
    ...defaults,
    name: options.name,
    content: {
      ...defaults.content,
      sources: { tags: [], folders: [], itemIds: [report.imported[0]!.id] },
      clipCount: 1,
      lengthSeconds: 3,
      transition: { type: 'none', durationMs: 0 },
      textOverlay: { ...defaults.content.textOverlay, enabled: false },
    },
    platforms: Object.fromEntries(
      sandboxPlatforms.map((p) => [
        p,
        // YouTube refuses a Short without a title.
        {
          ...defaults.platforms[p],
          enabled: true,
          ...(p === 'youtube' ? { titleTemplate: '{config} #{index}' } : {}),
        },
      ]),
    ) as ConfigDraft['platforms'],
    distribution: {
      ...defaults.distribution,
      mode: 'spread',
      strategy: 'roundRobin',
      accountIds: accounts.map((a) => a?.id ?? ''),
      weights: {},
      videosPerRun: 5,
    },
  });
  return { config, accounts };
}

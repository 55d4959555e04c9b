import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { defaultPacingConfig } from '../../../shared/domain/accounts';
import { noPosts, type Config } from '../../../shared/domain/configs';
import { ToastList } from '../components/toast-list';
import { ConfigsScreen } from '../screens/configs-screen';
import { useNavigation } from '../stores/navigation-store';
import { aConfig, aConfigDraft, anAccount } from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { describeRunPlan, describeRunPosts } from './labels';

const accounts = [
  anAccount({ id: 'tt', platform: 'tiktok', handle: 'sunny.tt', displayName: 'Sunny' }),
  anAccount({ id: 'yt', platform: 'youtube', handle: '@sunny', displayName: 'Sunny' }),
  anAccount({ id: 'ig', platform: 'instagram', handle: '@sunny.ig', displayName: 'Sunny' }),
  anAccount({ id: 'fb', platform: 'facebook', handle: 'Sunny Page', displayName: 'Sunny Page' }),
  anAccount({ id: 'fb2', platform: 'facebook', handle: 'Other Page', displayName: 'Other Page' }),
  anAccount({ id: 'x', platform: 'x', handle: '@sunny_x', displayName: 'Sunny' }),
];

/** The Configs screen over an engine holding `configs`, with the editor's lookups answered. */
function openScreen(configs: Config[] = [aConfig()]) {
  const api = installFakeApi({
    'configs:list': () => configs,
    'configs:history': () => [],
    'configs:defaults': () => aConfigDraft({ name: 'New config' }),
    'configs:previewSchedule': () => ({ occurrences: [] }),
    'configs:countSources': () => ({ count: 12 }),
    'accounts:list': () => accounts,
    'accounts:credentials': () => [],
    'accounts:pacing': () => defaultPacingConfig,
    'configs:update': ({ id, config }) => ({ ...aConfig({ id }), ...config }),
    'configs:create': (config) => ({ ...aConfig({ id: 'config-new' }), ...config }),
  });
  render(
    <>
      <ConfigsScreen mediaPicker={() => null} />
      <ToastList />
    </>,
  );
  return api;
}

async function edit(name = 'Morning beach') {
  const cell = await screen.findByRole('rowheader', { name: new RegExp(name) });
  await userEvent.click(
    within(cell.closest('tr') as HTMLElement).getByRole('button', { name: 'Edit' }),
  );
  return screen.findByRole('textbox', { name: 'Name' });
}

function composer(platform: string): HTMLElement {
  return screen.getByTestId(`composer-${platform}`);
}

/** Types fast: fireEvent sets the whole value at once (userEvent would type 300 keys). */
function typeInto(field: HTMLElement, value: string) {
  fireEvent.change(field, { target: { value } });
}

describe('the composer', () => {
  it('counts each platform against its own limits as the person types, and flags X over 280', async () => {
    openScreen();
    await edit();
    const x = composer('x');
    await userEvent.click(within(x).getByRole('checkbox', { name: 'X' }));
    const post = within(x).getByRole('textbox', { name: 'X post' });
    expect(within(x).queryByRole('textbox', { name: /title/ })).toBeNull();

    typeInto(post, 'a'.repeat(280));
    expect(within(x).getByTestId('x-caption-count').textContent).toBe(
      '280 / 280 characters (links count 23, emoji and most CJK count 2)',
    );
    expect(post.getAttribute('aria-invalid')).toBeNull();

    // X weighs an emoji 2: one more character, two more units, over the limit at once.
    typeInto(post, `${'a'.repeat(279)}🌅`);
    expect(within(x).getByTestId('x-caption-count').textContent).toMatch(/^281 \/ 280/);
    expect(within(x).getByTestId('x-caption-count').className).toMatch(/error-text/);
    expect(post.getAttribute('aria-invalid')).toBe('true');
    expect(
      within(x).getByText(/The post has 281 characters .* X allows 280\. Shorten it\./),
    ).toBeTruthy();

    // The same text is fine on TikTok (2,200 UTF-16 units), and hashtags count as they are added.
    const tiktok = composer('tiktok');
    await userEvent.click(within(tiktok).getByRole('checkbox', { name: 'TikTok' }));
    typeInto(within(tiktok).getByRole('textbox', { name: 'TikTok caption' }), 'a'.repeat(281));
    await userEvent.type(
      within(tiktok).getByRole('textbox', { name: 'TikTok hashtags' }),
      'sunrise beach',
    );
    expect(within(tiktok).getByTestId('tiktok-caption-count').textContent).toMatch(
      // 281, a blank line, "#sunrise #beach": the caption as posted.
      /^298 \/ 2,200 characters$/,
    );
    expect(within(tiktok).getByTestId('tiktok-hashtag-count').textContent).toBe('2 hashtags');

    // Saving is refused while X is on and over its limit.
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByRole('alert').textContent).toBe('Fix the highlighted field to save.');
  });

  it('gives YouTube a title field counted to 100 and shows the post as its feed cuts it', async () => {
    openScreen();
    await edit();
    const youtube = composer('youtube');
    await userEvent.click(within(youtube).getByRole('checkbox', { name: 'YouTube' }));
    const title = within(youtube).getByRole('textbox', { name: 'YouTube title' });
    // Turned on without a title: YouTube needs one.
    typeInto(title, '');
    expect(within(youtube).getByText('YouTube needs a title. Write one.')).toBeTruthy();
    typeInto(title, `${'T'.repeat(70)}{config}`);
    // 70 + "Morning beach" (13).
    expect(within(youtube).getByTestId('youtube-title-count').textContent).toBe(
      '83 / 100 characters',
    );
    const preview = within(youtube).getByTestId('preview-youtube');
    expect(preview.textContent).toContain(`${'T'.repeat(60)}… more`);
    // The account shown is the chosen one on that platform.
    expect(preview.textContent).toContain('Your YouTube account');
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Sunny (@sunny)' }));
    expect(preview.textContent).toContain('@sunny');

    const instagram = composer('instagram');
    await userEvent.click(within(instagram).getByRole('checkbox', { name: 'Instagram' }));
    typeInto(
      within(instagram).getByRole('textbox', { name: 'Instagram caption' }),
      'b'.repeat(130),
    );
    expect(within(instagram).getByTestId('preview-instagram').textContent).toContain(
      `${'b'.repeat(125)}… more`,
    );
    expect(within(instagram).getByTestId('preview-instagram').textContent).toContain(
      'Instagram Help Center',
    );
  });
});

describe('unsaved changes', () => {
  it('asks before Cancel discards them, and keeps editing when asked to', async () => {
    openScreen();
    const name = await edit();
    await userEvent.clear(name);
    await userEvent.type(name, 'Dusk');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    const dialog = await screen.findByRole('dialog', {
      name: 'Leave “Dusk” with unsaved changes?',
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Dusk');

    await userEvent.click(screen.getByRole('button', { name: 'Back to the list' }));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Discard changes' }),
    );
    await screen.findByRole('rowheader', { name: /Morning beach/ });
    // Discarded means gone: opening the config again offers nothing back.
    await edit();
    expect(screen.queryByRole('status', { name: 'Kept draft' })).toBeNull();
  });

  it('keeps a draft when the person leaves, and offers it back', async () => {
    openScreen();
    const name = await edit();
    await userEvent.clear(name);
    await userEvent.type(name, 'Dusk');
    // Leaving through the sidebar asks the same question.
    act(() => useNavigation.getState().actions.go('configs'));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Leave and keep the draft',
      }),
    );
    await screen.findByRole('rowheader', { name: /Morning beach/ });

    await edit();
    const offer = await screen.findByRole('status', { name: 'Kept draft' });
    expect((screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe(
      'Morning beach',
    );
    await userEvent.click(within(offer).getByRole('button', { name: 'Restore them' }));
    expect((screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Dusk');
  });

  it('leaves at once when nothing changed, and the sidebar brings the list back', async () => {
    openScreen();
    await edit();
    act(() => useNavigation.getState().actions.go('configs'));
    await screen.findByRole('rowheader', { name: /Morning beach/ });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('names', () => {
  it('says at once that another config has the name', async () => {
    openScreen([aConfig(), aConfig({ id: 'config-2', name: 'Harbour' })]);
    const name = await edit();
    await userEvent.clear(name);
    await userEvent.type(name, ' harbour');
    expect(
      await screen.findByText('A config named “Harbour” already exists. Choose another name.'),
    ).toBeTruthy();
  });
});

describe('what a run will do', () => {
  const draft = aConfigDraft();
  const on = (...ids: Array<keyof typeof draft.platforms>) =>
    Object.fromEntries(
      Object.entries(draft.platforms).map(([id, settings]) => [
        id,
        { ...settings, enabled: ids.includes(id as keyof typeof draft.platforms) },
      ]),
    ) as typeof draft.platforms;
  const all = on('tiktok', 'youtube', 'instagram', 'facebook', 'x');
  const ids = accounts.map((a) => a.id);

  it('says it in one line, for cross-posting and for spreading', () => {
    const distribution = { ...draft.distribution, accountIds: ids };
    expect(
      describeRunPlan(
        { platforms: all, distribution: { ...distribution, mode: 'crossPost' } },
        accounts,
      ),
    ).toBe('Each run: 1 video → 6 accounts on 5 platforms (6 posts).');
    expect(
      describeRunPlan(
        { platforms: all, distribution: { ...distribution, mode: 'crossPost', videosPerRun: 2 } },
        accounts,
      ),
    ).toBe('Each run: 2 videos, each → 6 accounts on 5 platforms (12 posts).');
    expect(
      describeRunPlan(
        {
          platforms: all,
          distribution: {
            ...distribution,
            mode: 'spread',
            strategy: 'roundRobin',
            videosPerRun: 3,
          },
        },
        accounts,
      ),
    ).toBe('Each run: 3 videos spread over 6 accounts on 5 platforms, round robin (3 posts).');
    expect(
      describeRunPlan(
        { platforms: on('x', 'youtube'), distribution: { ...distribution, mode: 'crossPost' } },
        accounts,
      ),
    ).toBe(
      'Each run: 1 video → 2 accounts on 2 platforms (2 posts). 4 chosen accounts on TikTok, Instagram, Facebook get nothing: those platforms are turned off above.',
    );
    expect(
      describeRunPlan(
        { platforms: all, distribution: { ...distribution, accountIds: [] } },
        accounts,
      ),
    ).toBe('Each run: 1 video, rendered but not posted: choose accounts below.');
  });

  it('follows the mode and the accounts in the editor', async () => {
    openScreen([
      aConfig({ platforms: all, distribution: { ...draft.distribution, mode: 'crossPost' } }),
    ]);
    await edit();
    const plan = screen.getByTestId('run-plan');
    expect(plan.textContent).toBe(
      'Each run: 1 video, rendered but not posted: choose accounts below.',
    );
    for (const label of ['Sunny (@sunny.tt)', 'Sunny (@sunny)', 'Sunny (@sunny_x)'])
      await userEvent.click(await screen.findByRole('checkbox', { name: label }));
    // Handles are written once: never "@@sunny".
    expect(screen.queryByText(/@@/)).toBeNull();
    expect(plan.textContent).toBe('Each run: 1 video → 3 accounts on 3 platforms (3 posts).');
    await userEvent.click(screen.getByRole('radio', { name: /Spread videos across accounts/ }));
    expect(plan.textContent).toBe(
      'Each run: 1 video spread over 3 accounts on 3 platforms, round robin (1 post).',
    );
    expect(screen.getByRole('combobox', { name: 'Strategy' })).toBeTruthy();
  });

  it('says what became of the last run’s posts in the list, not only the render', async () => {
    expect(describeRunPosts(noPosts)).toBeNull();
    const lastRun = {
      id: 'run-1',
      state: 'succeeded' as const,
      trigger: 'manual' as const,
      createdAt: Date.now(),
      finishedAt: Date.now(),
      error: null,
    };
    openScreen([
      aConfig({
        lastRun: {
          ...lastRun,
          posts: {
            total: 5,
            posted: 4,
            failed: 1,
            inProgress: 0,
            platforms: 5,
            problems: ['X @sunny_x: too long'],
          },
        },
      }),
      aConfig({
        id: 'config-2',
        name: 'Harbour',
        lastRun: {
          ...lastRun,
          posts: { total: 5, posted: 5, failed: 0, inProgress: 0, platforms: 5, problems: [] },
        },
      }),
    ]);
    const rows = await screen.findAllByTestId('last-run');
    expect(rows.map((row) => row.textContent?.replace(/·.*?(PM|AM)/, '·')).sort()).toEqual([
      'Rendered ·4 of 5 posted, 1 failed',
      'Rendered ·5 of 5 posted on 5 platforms',
    ]);
  });
});

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DistributionListInput } from '../../../shared/domain/distribution';
import { ToastList } from '../components/toast-list';
import { badInput, engineError, type FakeApi, type FakeHandlers } from '../testing/fake-api';
import { aMediaItem, anAccount, aTarget, aVideo } from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { DistributionScreen } from './distribution-screen';

const noSummary = { byPlatform: [], byAccount: [], byVideo: [] };

function renderScreen() {
  return render(
    <>
      <DistributionScreen />
      <ToastList />
    </>,
  );
}

/** The fake engine of a Distribution screen: the list, no totals, the library lookups. */
function engine(handlers: FakeHandlers): FakeApi {
  return installFakeApi({
    'distribution:summary': () => noSummary,
    'accounts:list': () => [],
    'configs:renderedMedia': ({ paths }) => paths.map((path) => ({ path, item: null })),
    'distribution:changes': () => [],
    ...handlers,
  });
}

/** Waits for the list to be asked for with these filters (the date as days before now). */
async function listedWith(api: FakeApi, filters: Record<string, unknown>) {
  await waitFor(() => expect(lastFilters(api.callsTo('distribution:list'))).toEqual(filters));
}

/** The filter part of the last list request (its date is relative to now). */
function lastFilters(inputs: Array<Partial<DistributionListInput>>) {
  const { limit: _limit, from, ...filters } = inputs[inputs.length - 1] ?? {};
  return {
    ...filters,
    ...(from === undefined ? {} : { fromDaysAgo: Math.round((Date.now() - from) / 86_400_000) }),
  };
}

const failedOnX = aTarget({
  id: 'target-x',
  platform: 'x',
  accountHandle: '@dusk',
  state: 'failed',
  url: null,
  openUrl: null,
  errorKind: 'content',
  errorMessage: 'The text is longer than 280 characters.',
  suggestedAction: 'Change the video or its text to fit the platform’s rules, then retry the post.',
  post: { title: null, text: 'Sunrise at the beach', hashtags: ['sunrise'], privacy: 'public' },
  edit: { allowed: true, reason: null, restartsUpload: false },
});

describe('the Distribution screen', () => {
  it('asks the engine again with every filter, and says when nothing matches', async () => {
    const api = engine({
      'distribution:list': (input) => (input.status || input.accountId ? [] : [aVideo()]),
      'accounts:list': () => [
        anAccount(),
        anAccount({ id: 'account-2', platform: 'x', handle: '@dusk' }),
      ],
    });
    renderScreen();

    await screen.findByRole('heading', { name: 'Morning beach · Jan 15 09:00' });
    const filters = screen.getByRole('group', { name: 'Filters' });

    await userEvent.selectOptions(within(filters).getByLabelText('Platform'), 'youtube');
    await listedWith(api, { platform: 'youtube' });
    await userEvent.selectOptions(within(filters).getByLabelText('Date'), '7');
    await listedWith(api, {
      platform: 'youtube',
      fromDaysAgo: 7,
    });
    await userEvent.selectOptions(within(filters).getByLabelText('Account'), 'X · @dusk');
    await listedWith(api, {
      platform: 'youtube',
      accountId: 'account-2',
      fromDaysAgo: 7,
    });
    await screen.findByRole('heading', { name: 'No posts match these filters' });

    await userEvent.selectOptions(within(filters).getByLabelText('Account'), 'All');
    await userEvent.selectOptions(within(filters).getByLabelText('Status'), 'failed');
    await listedWith(api, {
      status: 'failed',
      platform: 'youtube',
      fromDaysAgo: 7,
    });
  });

  it('names each card by its run, and says “Posted everywhere” only when every post is out', async () => {
    const run = { configName: 'Demo reel', at: Date.UTC(2026, 10, 29, 15, 8), count: 3 };
    engine({
      'distribution:list': () => [
        aVideo({ id: 'v1', run: { ...run, position: 0 } }, [
          'tiktok',
          'youtube',
          'instagram',
          'facebook',
          'x',
        ]),
        aVideo({ id: 'v2', run: { ...run, position: 1 } }, ['tiktok']),
        aVideo({
          id: 'v3',
          run: { ...run, position: 2 },
          targets: [
            aTarget({ id: 'a', videoId: 'v3', platform: 'youtube' }),
            aTarget({ id: 'b', videoId: 'v3', platform: 'x', state: 'pending', url: null }),
          ],
        }),
      ],
    });
    renderScreen();

    const cards = await screen.findAllByTestId('distribution-video');
    expect(cards.map((card) => within(card).getByRole('heading').textContent)).toEqual([
      'Demo reel · Nov 29 15:08 · 1 of 3',
      'Demo reel · Nov 29 15:08 · 2 of 3',
      'Demo reel · Nov 29 15:08 · 3 of 3',
    ]);
    expect(within(cards[0]!).getByText('Posted everywhere')).toBeTruthy();
    expect(within(cards[0]!).getAllByRole('listitem')).toHaveLength(5);
    expect(within(cards[1]!).getByText('Posted on TikTok')).toBeTruthy();
    expect(within(cards[2]!).getByText('1 of 2 posted')).toBeTruthy();
    // The handle sits inside its post's box.
    expect(within(within(cards[1]!).getByTestId('target-tiktok')).getByText('@sunny')).toBeTruthy();
  });

  it('follows a post’s progress pushed by the engine', async () => {
    const api = engine({
      'distribution:list': () => [
        aVideo({
          status: 'processing',
          targets: [aTarget({ state: 'pending', url: null, openUrl: null })],
        }),
      ],
    });
    renderScreen();

    const target = await screen.findByTestId('target-youtube');
    expect(within(target).getByText('Waiting')).toBeTruthy();

    api.emit(
      'distribution:targetUpdated',
      aTarget({
        state: 'processing',
        phase: 'uploading',
        sentBytes: 512 * 1024,
        totalBytes: 2 * 1024 * 1024,
        url: null,
        openUrl: null,
      }),
    );
    await within(target).findByText('Uploading 25% (512 KB of 2.0 MB)');
    expect(
      within(target).getByRole('progressbar', { name: 'YouTube upload progress' }),
    ).toBeTruthy();

    api.emit('distribution:targetUpdated', aTarget({ state: 'success' }));
    await within(target).findByRole('link', { name: 'Open on YouTube' });
    expect(
      within(target).getByText('Metrics are read within the hour after posting.'),
    ).toBeTruthy();
  });

  it('says when metrics were read, and that TikTok reports none for a private post', async () => {
    engine({
      'distribution:list': () => [
        aVideo({
          targets: [
            aTarget({
              latestMetrics: {
                at: Date.now() - 5 * 60_000,
                views: 1200,
                likes: 40,
                comments: null,
                shares: null,
                saves: null,
              },
              metricsAt: Date.now() - 5 * 60_000,
            }),
            aTarget({
              id: 'tt',
              platform: 'tiktok',
              url: null,
              openUrl: null,
              privacyNote:
                'Posted as private: this TikTok app is not audited, and TikTok allows only private posts until it is.',
              metricsNote:
                'TikTok does not report views, likes, comments or shares of private posts.',
            }),
          ],
        }),
      ],
      'distribution:metrics': () => [],
    });
    renderScreen();

    const youtube = await screen.findByTestId('target-youtube');
    expect(within(youtube).getByTestId('metrics').textContent).toBe(
      '1,200 views · 40 likes · comments not reported',
    );
    expect(within(youtube).getByText('Metrics read 5 min ago')).toBeTruthy();
    const tiktok = screen.getByTestId('target-tiktok');
    expect(
      within(tiktok).getByText(/^Posted as private: this TikTok app is not audited/),
    ).toBeTruthy();
    expect(within(tiktok).getByTestId('metrics').textContent).toMatch(/^Metrics not reported:/);
    expect(within(tiktok).queryByText(/no views yet/i)).toBeNull();
    expect(within(tiktok).getByText(/Private on TikTok/)).toBeTruthy();
  });

  it('shows “Retrying…” at once, and says so when the retry is refused', async () => {
    let refuse: (() => void) | null = null;
    const api = engine({
      'distribution:list': () => [aVideo({ targets: [failedOnX] })],
      'distribution:retry': () =>
        new Promise((_, reject) => {
          refuse = () => reject(engineError('CONFLICT', 'This post is already being retried.'));
        }),
    });
    renderScreen();

    const target = await screen.findByTestId('target-x');
    const alert = within(target).getByRole('alert');
    expect(alert.textContent).toContain('Refused by the platform: The text is longer');
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(within(target).getByText('Retrying…')).toBeTruthy();
    expect(within(target).queryByRole('alert')).toBeNull();

    await waitFor(() => expect(refuse).not.toBeNull());
    refuse!();
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Notifications' }).textContent).toContain(
        'The post could not be retried',
      ),
    );
    expect(api.callsTo('distribution:retry')).toEqual([{ targetId: 'target-x' }]);
    expect(within(target).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('plays the posted video from its card in a dialog', async () => {
    engine({
      'distribution:list': () => [aVideo()],
      'configs:renderedMedia': ({ paths }) =>
        paths.map((path) => ({
          path,
          item: aMediaItem({ path, kind: 'video', thumbnail: 'ready' }),
        })),
    });
    renderScreen();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Play Morning beach · Jan 15 09:00' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Morning beach · Jan 15 09:00' });
    expect(within(dialog).getByTestId('video-player').getAttribute('src')).toBe('/media/media-1');
  });
});

describe('editing a failed post', () => {
  it('counts X’s weighted characters as the person types and keeps Save off while over', async () => {
    const api = engine({ 'distribution:list': () => [aVideo({ targets: [failedOnX] })] });
    renderScreen();

    const target = await screen.findByTestId('target-x');
    await userEvent.click(within(target).getByRole('button', { name: 'Edit…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit the X post of @dusk' });
    // X posts have no title; the count includes the hashtags as posted.
    expect(within(dialog).queryByLabelText('Title')).toBeNull();
    expect(within(dialog).getByText('30 / 280 characters (links 23, emoji 2)')).toBeTruthy();

    const text = within(dialog).getByLabelText('Text');
    await userEvent.clear(text);
    await userEvent.type(text, `${'a'.repeat(250)} https://example.com/a/very/long/link 😀`);
    // 250 + space + a link (23) + space + an emoji (2) + the blank line and #sunrise (10).
    expect(within(dialog).getByText('287 / 280 characters (links 23, emoji 2)')).toBeTruthy();
    expect(within(dialog).getByText(/has 287 characters .*X allows 280/)).toBeTruthy();
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByRole('button', { name: 'Save and retry' })).toHaveProperty(
      'disabled',
      true,
    );

    await userEvent.clear(within(dialog).getByLabelText('Hashtags'));
    await userEvent.type(within(dialog).getByLabelText('Hashtags'), 'sun-rise');
    expect(within(dialog).getByText(/“sun-rise” is not a hashtag/)).toBeTruthy();
    await userEvent.clear(within(dialog).getByLabelText('Hashtags'));
    expect(within(dialog).getByText('277 / 280 characters (links 23, emoji 2)')).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Save and retry' })).toHaveProperty(
      'disabled',
      false,
    );
    expect(api.callsTo('distribution:editPost')).toEqual([]);
  });

  it('saves the new text, then retries; a refusal is put beside its field', async () => {
    let refuseFirst = true;
    const api = engine({
      'distribution:list': () => [aVideo({ targets: [failedOnX] })],
      'distribution:editPost': (input) => {
        if (refuseFirst) {
          refuseFirst = false;
          throw badInput({ text: 'X refused this text: try again without the link.' });
        }
        return {
          ...failedOnX,
          post: { ...failedOnX.post, text: input.text },
          editedAt: Date.now(),
        };
      },
      'distribution:retry': () => ({ ...failedOnX, state: 'pending', errorMessage: null }),
      'distribution:changes': () => [],
    });
    renderScreen();

    await userEvent.click(
      within(await screen.findByTestId('target-x')).getByRole('button', { name: 'Edit…' }),
    );
    const dialog = await screen.findByRole('dialog');
    const text = within(dialog).getByLabelText('Text');
    await userEvent.clear(text);
    await userEvent.type(text, 'Sunrise, shorter');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save and retry' }));
    expect(
      await within(dialog).findByText('X refused this text: try again without the link.'),
    ).toBeTruthy();
    expect(api.callsTo('distribution:retry')).toEqual([]);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Save and retry' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('distribution:editPost').at(-1)).toEqual({
      targetId: 'target-x',
      title: null,
      text: 'Sunrise, shorter',
      hashtags: ['sunrise'],
      privacy: 'public',
    });
    await waitFor(() =>
      expect(api.callsTo('distribution:retry')).toEqual([{ targetId: 'target-x' }]),
    );
    expect(within(screen.getByTestId('target-x')).getByText('Waiting')).toBeTruthy();
  });

  it('offers only private for an unaudited TikTok app, and keeps the old text in the history', async () => {
    const tiktok = aTarget({
      id: 'tt',
      platform: 'tiktok',
      state: 'pending',
      url: null,
      openUrl: null,
      privacyNote:
        'Will be posted as private: this TikTok app is not audited, and TikTok allows only private posts until it is.',
      post: { title: null, text: 'New caption', hashtags: [], privacy: 'private' },
      edit: { allowed: true, reason: null, restartsUpload: false },
      editedAt: Date.now() - 60_000,
    });
    engine({
      'distribution:list': () => [aVideo({ targets: [tiktok] })],
      'distribution:changes': () => [
        {
          kind: 'text',
          id: 'c1',
          at: Date.now() - 60_000,
          by: 'ipc',
          before: { title: null, text: 'IMG_4032', hashtags: ['old'], privacy: 'private' },
          after: { title: null, text: 'New caption', hashtags: [], privacy: 'private' },
          upload: 'none',
        },
      ],
    });
    renderScreen();

    await userEvent.click(
      within(await screen.findByTestId('target-tiktok')).getByRole('button', { name: 'Edit…' }),
    );
    const dialog = await screen.findByRole('dialog');
    const privacy = within(dialog).getByLabelText('Who can see it');
    expect(
      within(privacy)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Private (only me)']);
    const history = await within(dialog).findByRole('region', { name: 'Changes' });
    expect(history.textContent).toContain('Text changed in the desktop app');
    expect(within(history).getByLabelText('Text before').textContent).toBe('IMG_4032\n\n#old');
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Save and retry' })).toBeNull();
  });
});

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DistributionListInput } from '../../../shared/domain/distribution';
import { ToastList } from '../components/toast-list';
import { engineError, type FakeApi } from '../testing/fake-api';
import { anAccount, aTarget, aVideo } from '../testing/fixtures';
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

describe('the Distribution screen', () => {
  it('asks the engine again with every filter, and says when nothing matches', async () => {
    const api = installFakeApi({
      'distribution:list': (input) => (input.status || input.accountId ? [] : [aVideo()]),
      'distribution:summary': () => noSummary,
      'accounts:list': () => [
        anAccount(),
        anAccount({ id: 'account-2', platform: 'x', handle: '@dusk' }),
      ],
    });
    renderScreen();

    await screen.findByRole('heading', { name: 'Morning beach #1' });
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

  it('follows a post’s progress pushed by the engine', async () => {
    const api = installFakeApi({
      'distribution:list': () => [
        aVideo({ status: 'processing', targets: [aTarget({ state: 'pending', url: null })] }),
      ],
      'distribution:summary': () => noSummary,
      'accounts:list': () => [],
    });
    renderScreen();

    const target = await screen.findByTestId('target-youtube');
    expect(within(target).getByText('YouTube: Waiting')).toBeTruthy();

    api.emit(
      'distribution:targetUpdated',
      aTarget({
        state: 'processing',
        phase: 'uploading',
        sentBytes: 512 * 1024,
        totalBytes: 2 * 1024 * 1024,
        url: null,
      }),
    );
    await within(target).findByText('Uploading 25% (512 KB of 2.0 MB)');
    expect(
      within(target).getByRole('progressbar', { name: 'YouTube upload progress' }),
    ).toBeTruthy();

    api.emit('distribution:targetUpdated', aTarget({ state: 'success' }));
    await within(target).findByRole('link', { name: 'Open on YouTube' });
    expect(within(target).getByText('Metrics arrive within the hour')).toBeTruthy();
  });

  it('retries a failed post, and says so when the retry is refused', async () => {
    const failed = aTarget({
      state: 'failed',
      url: null,
      errorKind: 'content',
      errorMessage: 'The video is too long.',
      suggestedAction: 'Shorten the video, then retry.',
    });
    const api = installFakeApi({
      'distribution:list': () => [aVideo({ status: 'failed', targets: [failed] })],
      'distribution:summary': () => noSummary,
      'accounts:list': () => [],
      'distribution:retry': () => {
        throw engineError('CONFLICT', 'This post is already being retried.');
      },
    });
    renderScreen();

    const target = await screen.findByTestId('target-youtube');
    const alert = within(target).getByRole('alert');
    expect(alert.textContent).toContain('Refused by the platform: The video is too long.');
    expect(alert.textContent).toContain('Shorten the video, then retry.');

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Notifications' }).textContent).toContain(
        'The post could not be retried',
      ),
    );
    expect(api.callsTo('distribution:retry')).toEqual([{ targetId: 'target-1' }]);
    expect(
      (within(alert).getByRole('button', { name: 'Retry' }) as HTMLButtonElement).disabled,
    ).toBe(false);
  });
});

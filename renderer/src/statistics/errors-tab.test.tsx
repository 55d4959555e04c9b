import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ErrorListInput } from '../../../shared/domain/error-log';
import { StatisticsScreen } from '../screens/statistics-screen';
import { useNavigation } from '../stores/navigation-store';
import type { FakeApi } from '../testing/fake-api';
import { anAccount, anErrorEntry } from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { errorsTab } from './statistics-tabs';

const render404 = anErrorEntry({
  id: 'job:job-7',
  source: 'job',
  platform: null,
  accountId: null,
  accountHandle: null,
  errorClass: 'render',
  jobKind: 'render',
  subject: 'Morning beach',
  message: 'ffmpeg exited with code 1: invalid data in clip.mp4',
  suggestedAction: 'Open the config’s run history to see which clip or setting failed.',
  target: { screen: 'configs', itemId: 'config-1' },
});

/** The filter part of the last request (its start as days before now). */
function lastFilters(api: FakeApi) {
  const {
    limit: _limit,
    from,
    ...filters
  } = (api.callsTo('statistics:errors').at(-1) as Partial<ErrorListInput> | undefined) ?? {};
  return {
    ...filters,
    ...(from === undefined ? {} : { fromDaysAgo: Math.round((Date.now() - from) / 86_400_000) }),
  };
}

function renderErrors() {
  return render(<StatisticsScreen tabs={[errorsTab]} />);
}

describe('the errors log', () => {
  it('lists failures with where, class, message and what to do', async () => {
    installFakeApi({
      'statistics:errors': () => ({ entries: [anErrorEntry(), render404], nextCursor: null }),
      'accounts:list': () => [anAccount()],
    });
    renderErrors();
    const table = await screen.findByRole('table', { name: 'Failures' });
    const [post, job] = within(table).getAllByTestId('error-entry');
    expect(post?.textContent).toContain('TikTok');
    expect(post?.textContent).toContain('@sunny');
    expect(post?.textContent).toContain('Refused content');
    expect(post?.textContent).toContain('What to do: Change the video or its text');
    expect(job?.textContent).toContain('Renders');
    expect(job?.textContent).toContain('Render');
    expect(job?.textContent).toContain('Morning beach');

    await userEvent.click(
      within(job as HTMLElement).getByRole('button', { name: 'Show in Configs' }),
    );
    expect(useNavigation.getState()).toMatchObject({
      screen: 'configs',
      reveal: { itemId: 'config-1' },
    });
  });

  it('asks the engine again with every filter, says when nothing matches, and clears them', async () => {
    const api = installFakeApi({
      'statistics:errors': (input) => ({
        entries: input.errorClass === 'auth' ? [] : [anErrorEntry()],
        nextCursor: null,
      }),
      'accounts:list': () => [
        anAccount(),
        anAccount({ id: 'account-2', platform: 'tiktok', handle: '@dusk' }),
      ],
    });
    renderErrors();
    await screen.findByRole('table', { name: 'Failures' });
    const filters = screen.getByRole('group', { name: 'Filters' });

    await userEvent.selectOptions(within(filters).getByLabelText('Platform'), 'tiktok');
    await waitFor(() => expect(lastFilters(api)).toEqual({ platform: 'tiktok' }));
    await userEvent.selectOptions(within(filters).getByLabelText('Account'), 'TikTok · @dusk');
    await waitFor(() =>
      expect(lastFilters(api)).toEqual({ platform: 'tiktok', accountId: 'account-2' }),
    );
    await userEvent.selectOptions(within(filters).getByLabelText('Period'), '7');
    await waitFor(() =>
      expect(lastFilters(api)).toEqual({
        platform: 'tiktok',
        accountId: 'account-2',
        fromDaysAgo: 7,
      }),
    );
    await userEvent.selectOptions(within(filters).getByLabelText('Class'), 'Sign-in');
    await waitFor(() =>
      expect(lastFilters(api)).toEqual({
        platform: 'tiktok',
        accountId: 'account-2',
        errorClass: 'auth',
        fromDaysAgo: 7,
      }),
    );
    await screen.findByRole('heading', { name: 'No failures match these filters' });

    await userEvent.click(screen.getByRole('button', { name: 'Clear the filters' }));
    await waitFor(() => expect(lastFilters(api)).toEqual({}));
    await screen.findByRole('table', { name: 'Failures' });
    expect((within(filters).getByLabelText('Platform') as HTMLSelectElement).value).toBe('');
  });

  it('says when nothing failed at all', async () => {
    installFakeApi({
      'statistics:errors': () => ({ entries: [], nextCursor: null }),
      'accounts:list': () => [],
    });
    renderErrors();
    await screen.findByRole('heading', { name: 'No failures' });
    expect(screen.queryByRole('button', { name: 'Clear the filters' })).toBeNull();
  });

  it('pages in older failures with the same filters', async () => {
    const api = installFakeApi({
      'statistics:errors': ({ after }) =>
        after
          ? { entries: [render404], nextCursor: null }
          : { entries: [anErrorEntry()], nextCursor: '1768467600000:post:target-1' },
      'accounts:list': () => [anAccount()],
    });
    renderErrors();
    await screen.findByRole('table', { name: 'Failures' });
    await userEvent.selectOptions(screen.getByLabelText('Class'), 'Refused content');
    await waitFor(() => expect(lastFilters(api)).toEqual({ errorClass: 'content' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Show older failures' }));
    await waitFor(() => expect(screen.getAllByTestId('error-entry')).toHaveLength(2));
    expect(api.callsTo('statistics:errors').at(-1)).toMatchObject({
      errorClass: 'content',
      after: '1768467600000:post:target-1',
    });
  });
});

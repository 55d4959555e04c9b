import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dashboard } from '../../../shared/domain/statistics';
import { ToastList } from '../components/toast-list';
import { engineError, type FakeHandlers } from '../testing/fake-api';
import {
  aConfig,
  aDashboard,
  anAccount,
  aTimeseries,
  aTopPost,
  someBestTimes,
  somePeriodTotals,
} from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { useNavigation } from '../stores/navigation-store';
import { StatisticsScreen } from './statistics-screen';

function statisticsApi(overrides: FakeHandlers = {}) {
  return installFakeApi({
    'statistics:dashboard': () => aDashboard(),
    'statistics:timeseries': () => aTimeseries(),
    'statistics:topPosts': () => [aTopPost()],
    'statistics:bestTimes': () => someBestTimes(),
    'accounts:list': () => [
      anAccount(),
      anAccount({ id: 'account-2', platform: 'x', handle: '@dusk' }),
    ],
    'configs:list': () => [aConfig()],
    ...overrides,
  });
}

function renderScreen() {
  return render(
    <>
      <StatisticsScreen />
      <ToastList />
    </>,
  );
}

const card = (name: string) => screen.getByRole('article', { name });

beforeEach(() => {
  vi.useRealTimers();
});

describe('the Statistics Overview', () => {
  it('says what to do when nothing was ever recorded, and leads there', async () => {
    statisticsApi({ 'statistics:dashboard': () => aDashboard({ hasHistory: false }) });
    renderScreen();
    expect(await screen.findByRole('heading', { name: 'No statistics yet' })).toBeTruthy();
    expect(screen.getByText(/create a config on the Configs screen and run it/)).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Export posts (CSV)' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Go to Configs' }));
    expect(useNavigation.getState().screen).toBe('configs');
  });

  it('says it is loading, then why it could not load, and tries again', async () => {
    let fail = true;
    statisticsApi({
      'statistics:dashboard': () => {
        if (fail) throw engineError('UNAVAILABLE', 'The database is busy. Try again in a moment.');
        return aDashboard();
      },
    });
    renderScreen();
    expect(screen.getByRole('status').textContent).toContain('Loading statistics…');
    const failure = await screen.findByRole('alert');
    expect(failure.textContent).toContain(
      'Statistics could not be loaded: The database is busy. Try again in a moment.',
    );
    fail = false;
    await userEvent.click(within(failure).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('article', { name: 'Posts published' })).toBeTruthy();
  });

  it('shows each figure with its change against the period before, good or bad', async () => {
    statisticsApi({
      'statistics:dashboard': (): Dashboard =>
        aDashboard({
          current: somePeriodTotals({ published: 4, failed: 1, views: 1000 }),
          previous: somePeriodTotals({ published: 2, failed: 0, views: 800 }),
        }),
    });
    renderScreen();
    const published = await screen.findByRole('article', { name: 'Posts published' });
    expect(within(published).getByText('4')).toBeTruthy();
    expect(within(published).getByTestId('change').textContent).toContain('▲ +100 % vs 2');
    expect(within(published).getByTestId('change').className).toMatch(/good/);
    // More failures is bad news, from none before.
    const failed = card('Posts failed');
    expect(within(failed).getByTestId('change').textContent).toContain('▲ up from 0');
    // A rate compares in points: 4 of 5 against 2 of 2.
    const success = card('Posting success rate');
    expect(within(success).getByText('80.0 %')).toBeTruthy();
    expect(within(success).getByTestId('change').textContent).toContain('▼ −20.0 pts vs 100 %');
    expect(within(success).getByTestId('change').className).toMatch(/bad/);
    expect(within(card('Views')).getByTestId('change').textContent).toContain('▲ +25 % vs 800');
    // A metric no post reported is said so, never shown as 0.
    const comments = card('Comments');
    expect(within(comments).getByText('—')).toBeTruthy();
    expect(comments.textContent).toContain('Not reported by these posts’ platforms.');
    expect(within(comments).getByTestId('change').textContent).toContain('Nothing to compare');
  });

  it('asks again for the period and the filters chosen', async () => {
    const api = statisticsApi();
    renderScreen();
    await screen.findByRole('article', { name: 'Posts published' });
    const periods = screen.getByRole('group', { name: 'Period' });
    expect(
      within(periods).getByRole('button', { name: '7 days' }).getAttribute('aria-pressed'),
    ).toBe('true');

    await userEvent.click(within(periods).getByRole('button', { name: '30 days' }));
    await waitFor(() =>
      expect(api.callsTo('statistics:dashboard').at(-1)).toEqual({
        period: { kind: 'preset', preset: '30d' },
        filters: {},
      }),
    );
    const filters = screen.getByRole('group', { name: 'Filters' });
    await userEvent.selectOptions(within(filters).getByRole('combobox', { name: /Platform/ }), 'x');
    await waitFor(() =>
      expect(api.callsTo('statistics:dashboard').at(-1)).toEqual({
        period: { kind: 'preset', preset: '30d' },
        filters: { platform: 'x' },
      }),
    );
    // Only the chosen platform's accounts are offered.
    const accounts = within(filters).getByRole('combobox', { name: /Account/ });
    expect(
      within(accounts)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All accounts', 'X · @dusk']);
    expect(api.callsTo('statistics:bestTimes').at(-1)).toEqual({ filters: { platform: 'x' } });
  });

  it('checks a custom range in words before asking for it', async () => {
    const api = statisticsApi();
    renderScreen();
    await screen.findByRole('article', { name: 'Posts published' });
    await userEvent.click(screen.getByRole('button', { name: 'Custom…' }));
    const form = screen.getByRole('form', { name: 'Custom range' });
    const from = within(form).getByLabelText('From');
    const to = within(form).getByLabelText('To');
    await userEvent.clear(from);
    await userEvent.type(from, '2026-01-10');
    await userEvent.clear(to);
    await userEvent.type(to, '2026-01-05');
    const asked = api.callsTo('statistics:dashboard').length;
    await userEvent.click(within(form).getByRole('button', { name: 'Apply' }));
    expect(within(form).getByRole('alert').textContent).toContain(
      'The range must end on or after the day it starts.',
    );
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(api.callsTo('statistics:dashboard')).toHaveLength(asked);

    await userEvent.clear(to);
    await userEvent.type(to, '2026-01-12');
    await userEvent.click(within(form).getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(api.callsTo('statistics:dashboard').at(-1)?.period).toEqual({
        kind: 'custom',
        from: '2026-01-10',
        to: '2026-01-12',
      }),
    );
    expect(
      screen.getByRole('button', { name: '2026-01-10 – 2026-01-12' }).getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('downloads the posts as CSV and says where they went', async () => {
    const api = statisticsApi({
      'statistics:export': () => ({
        fileName: 'reelpilot-posts-2026-01-09-to-2026-01-15.csv',
        mimeType: 'text/csv',
        content: 'Published,Platform\r\n',
        rows: 3,
      }),
    });
    const clicked: string[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:statistics');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(`${this.download} ${this.href}`);
    });
    renderScreen();
    await screen.findByRole('article', { name: 'Posts published' });
    await userEvent.click(screen.getByRole('button', { name: 'Export posts (CSV)' }));
    await screen.findByText('3 posts saved as reelpilot-posts-2026-01-09-to-2026-01-15.csv.');
    expect(clicked).toEqual(['reelpilot-posts-2026-01-09-to-2026-01-15.csv blob:statistics']);
    expect(api.callsTo('statistics:export')).toEqual([
      { period: { kind: 'preset', preset: '7d' }, filters: {}, what: 'posts' },
    ]);
    click.mockRestore();
  });

  it('follows a rebuild the engine reports, and reloads when it ends', async () => {
    const api = statisticsApi();
    renderScreen();
    await screen.findByRole('article', { name: 'Posts published' });
    const loads = api.callsTo('statistics:dashboard').length;
    const status = { done: 50, total: 100, builtAt: null, timeZone: 'UTC', error: null };
    api.emit('statistics:rebuild', { state: 'running', ...status });
    expect(await screen.findByText(/Rebuilding statistics from the history: 50 %/)).toBeTruthy();
    api.emit('statistics:rebuild', { state: 'ready', ...status, done: 100 });
    await waitFor(() => expect(api.callsTo('statistics:dashboard').length).toBe(loads + 1));
    expect(screen.queryByText(/Rebuilding statistics/)).toBeNull();
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

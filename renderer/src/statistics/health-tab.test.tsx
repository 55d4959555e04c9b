import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { StatisticsScreen } from '../screens/statistics-screen';
import { useNavigation } from '../stores/navigation-store';
import { engineError } from '../testing/fake-api';
import { anAccountHealth, aSystemHealth, someAlertCounts } from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { alertsTab, errorsTab, healthTab, statisticsTabs } from './statistics-tabs';

// The Overview has tests of its own; these start on Health.
const tabs = [healthTab, alertsTab, errorsTab];

const blocked = anAccountHealth({
  accountId: 'account-2',
  platform: 'tiktok',
  handle: '@dusk',
  status: 'needs_reconnect',
  token: { state: 'expired', accessExpiresAt: null, refreshExpiresAt: null },
  postNow: { allowed: false, at: null, reason: 'The platform no longer accepts this connection.' },
  nextFreeSlotAt: null,
  level: 'blocked',
  action: 'Reconnect it on the Accounts screen: the platform no longer accepts its sign-in.',
  quotas: [],
});

function healthHandlers() {
  return {
    'statistics:accountHealth': () => [anAccountHealth(), blocked],
    'statistics:systemHealth': () => aSystemHealth(),
    'alerts:list': () => ({ alerts: [], nextCursor: null }),
    'alerts:counts': () => someAlertCounts({ open: 0, errors: 0 }),
  } as const;
}

describe('the Health tab', () => {
  it('shows the system and every account with what to do', async () => {
    installFakeApi(healthHandlers());
    render(<StatisticsScreen tabs={tabs} />);
    expect(screen.getByRole('tab', { name: 'Health', selected: true })).toBeTruthy();

    const system = await screen.findByRole('region', { name: 'System' });
    expect(system.textContent).toContain('Running');
    expect(system.textContent).toContain('Next run: “Morning beach”');
    expect(system.textContent).toContain('Version 5.1.6');
    expect(system.textContent).toContain('120 GB');
    expect(system.textContent).toContain(
      'No backup was made yet: make one in Settings → Storage & backup.',
    );
    expect(system.textContent).toContain('Running for 2 h');
    expect(within(system).getByRole('table').textContent).toContain('Renders');

    const accounts = screen.getByRole('region', { name: 'Accounts' });
    const ok = within(accounts).getByTestId('account-health-youtube');
    expect(ok.textContent).toContain('Healthy');
    expect(ok.textContent).toContain('Can post now');
    expect(
      within(ok).getByRole('meter', { name: /YouTube daily quota: 1,600 of 10,000/ }),
    ).toBeTruthy();
    const dusk = within(accounts).getByTestId('account-health-tiktok');
    expect(dusk.textContent).toContain('Not posting');
    expect(dusk.textContent).toContain('Signed out');
    expect(dusk.textContent).toContain('Reconnect it on the Accounts screen');
    await userEvent.click(within(dusk).getByRole('button', { name: 'Show in Accounts' }));
    expect(useNavigation.getState()).toMatchObject({
      screen: 'accounts',
      reveal: { itemId: 'account-2' },
    });
  });

  it('says when the scheduler is stalled, the queue stuck, and ffmpeg missing', async () => {
    const system = aSystemHealth();
    installFakeApi({
      ...healthHandlers(),
      'statistics:systemHealth': () => ({
        ...system,
        scheduler: { ...system.scheduler, stalled: true },
        queue: {
          kinds: [
            {
              kind: 'upload',
              waiting: 3,
              scheduled: 0,
              running: 0,
              dead: 2,
              oldestWaitingSince: system.at - 40 * 60_000,
              held: false,
              overdue: true,
            },
          ],
          running: [],
        },
        ffmpeg: {
          found: false,
          version: null,
          path: null,
          message: 'ffmpeg was not found. Install it, or set its path in Settings.',
        },
      }),
    });
    render(<StatisticsScreen tabs={tabs} />);
    const panel = await screen.findByRole('region', { name: 'System' });
    expect(panel.textContent).toContain('Stalled');
    expect(panel.textContent).toContain('Stuck');
    expect(panel.textContent).toContain('Overdue');
    expect(panel.textContent).toContain('due 40 min ago');
    expect(panel.textContent).toContain('ffmpeg was not found. Install it');
    expect(panel.textContent).toContain(
      'Jobs that gave up are listed with their errors in Errors.',
    );
  });

  it('shows a failed load with the engine’s words and tries again', async () => {
    const api = installFakeApi({
      ...healthHandlers(),
      'statistics:systemHealth': () => {
        throw engineError('INTERNAL', 'The database could not be read.');
      },
    });
    render(<StatisticsScreen tabs={tabs} />);
    const failure = await screen.findByRole('alert');
    expect(failure.textContent).toContain(
      'Health could not be loaded: The database could not be read.',
    );
    api.handle('statistics:systemHealth', () => aSystemHealth());
    await userEvent.click(within(failure).getByRole('button', { name: 'Try again' }));
    await screen.findByRole('region', { name: 'System' });
  });

  it('says so when no account is connected', async () => {
    installFakeApi({ ...healthHandlers(), 'statistics:accountHealth': () => [] });
    render(<StatisticsScreen tabs={tabs} />);
    await screen.findByText(/No accounts connected yet/);
  });
});

describe('the Statistics screen', () => {
  afterEach(() => window.localStorage.removeItem('reelpilot.statisticsTab'));

  it('opens the tab holding the item a notification leads to', async () => {
    installFakeApi(healthHandlers());
    window.localStorage.setItem('reelpilot.statisticsTab', 'alerts');
    render(<StatisticsScreen tabs={statisticsTabs} />);
    expect(screen.getByRole('tab', { name: 'Alerts', selected: true })).toBeTruthy();
    await screen.findByRole('heading', { name: 'No open alerts' });
    act(() =>
      useNavigation.getState().actions.show({ screen: 'statistics', itemId: 'system-health' }),
    );
    expect(screen.getByRole('tab', { name: 'Health', selected: true })).toBeTruthy();
    await screen.findByRole('region', { name: 'System' });
  });

  it('moves between tabs with the arrow keys and remembers the last one', async () => {
    installFakeApi({
      ...healthHandlers(),
      'statistics:errors': () => ({ entries: [], nextCursor: null }),
      'accounts:list': () => [],
    });
    render(<StatisticsScreen tabs={tabs} />);
    const health = screen.getByRole('tab', { name: 'Health' });
    health.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Alerts', selected: true })).toBe(
      document.activeElement,
    );
    await userEvent.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'Errors', selected: true })).toBeTruthy();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Health', selected: true })).toBeTruthy();
    await userEvent.click(screen.getByRole('tab', { name: 'Errors' }));
    expect(window.localStorage.getItem('reelpilot.statisticsTab')).toBe('errors');
  });
});

import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AutomationStatus } from '../../../shared/domain/automation';
import { useNavigation } from '../stores/navigation-store';
import { engineError, type FakeHandlers } from '../testing/fake-api';
import {
  aBackupStatus,
  aConfig,
  anAlert,
  anAppInfo,
  anAutomationStatus,
  aRetentionStatus,
  someAutomationPreferences,
  someSettings,
  aStorageStatus,
} from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { AppShell } from './app-shell';

/** The shell on the Configs screen, with one config and automation running. */
function shellHandlers(extra: FakeHandlers = {}): FakeHandlers {
  return {
    'settings:get': () => someSettings(),
    'app:info': () => anAppInfo(),
    'configs:list': () => [aConfig()],
    'configs:history': () => [],
    'automation:status': () => anAutomationStatus(),
    'automation:preferences': () => someAutomationPreferences(),
    'apiTokens:list': () => [],
    'alerts:counts': () => ({ open: 0, acknowledged: 0, errors: 0 }),
    'retention:status': () => aRetentionStatus(),
    'storage:status': () => aStorageStatus(),
    'backup:status': () => aBackupStatus(),
    'backup:list': () => ({ backups: [], driveError: null }),
    ...extra,
  };
}

const pausedAt = Date.UTC(2026, 0, 15, 9, 30);
const paused = anAutomationStatus({ state: 'paused', paused: true, pausedAt, at: pausedAt });

/** The sidebar's status and switch, once the status has come. */
async function sidebar() {
  return within(await screen.findByRole('region', { name: 'Automation' }));
}

function banner() {
  return screen.queryByRole('status', { name: 'Automation paused' });
}

function notifications(): string {
  return screen.getByRole('region', { name: 'Notifications' }).textContent ?? '';
}

/** The shell, with Pause all clicked and the engine's answer held until `answer`. */
async function pauseHeld() {
  let answer: (status: AutomationStatus) => void = () => {};
  const api = installFakeApi(
    shellHandlers({
      'automation:pause': () => new Promise<AutomationStatus>((resolve) => (answer = resolve)),
    }),
  );
  render(<AppShell />);
  await userEvent.click(
    await (await sidebar()).findByRole('button', { name: 'Pause all automation' }),
  );
  return { api, answer: (status: AutomationStatus) => answer(status) };
}

afterEach(() => {
  // jsdom has no scrollIntoView: a test that needs it puts its own in.
  delete (Element.prototype as Partial<Element>).scrollIntoView;
});

describe('pausing all automation from the sidebar', () => {
  it('shows the banner at once and keeps it once the engine has paused', async () => {
    const { api, answer } = await pauseHeld();
    // Before the engine answers: the banner, the state and the way back are already there.
    expect(banner()?.textContent).toContain('Automation is paused.');
    expect((await sidebar()).getByTestId('automation-state').textContent).toBe('Paused');
    expect(api.callsTo('automation:pause')).toEqual([{}]);

    await act(async () => answer(paused));
    await waitFor(() => expect(banner()?.textContent).toContain('Automation is paused since'));
    expect(banner()?.textContent).toContain('Schedules do not run and no new upload starts');
    const resume = within(banner() as HTMLElement).getByRole('button', {
      name: 'Resume automation',
    });
    expect((resume as HTMLButtonElement).disabled).toBe(false);
  });

  it('puts the switch back and says why when the engine refuses', async () => {
    installFakeApi(
      shellHandlers({
        'automation:pause': () => {
          throw engineError('UNAVAILABLE', 'The database is busy; try again in a moment.');
        },
      }),
    );
    render(<AppShell />);

    await userEvent.click(
      await (await sidebar()).findByRole('button', { name: 'Pause all automation' }),
    );

    await waitFor(() => expect(notifications()).toContain('Automation could not be paused'));
    expect(notifications()).toContain('The database is busy; try again in a moment.');
    expect(banner()).toBeNull();
    expect((await sidebar()).getByTestId('automation-state').textContent).toBe('Idle');
    const pause = (await sidebar()).getByRole('button', { name: 'Pause all automation' });
    expect((pause as HTMLButtonElement).disabled).toBe(false);
  });

  it('keeps a Resume from the tray that overtook the answer to Pause', async () => {
    const { api, answer } = await pauseHeld();
    // The engine paused, then the tray resumed: its push arrives before the answer to Pause.
    act(() => api.emit('automation:status', anAutomationStatus({ at: pausedAt + 1000 })));
    await act(async () => answer(paused));
    await waitFor(() => expect(banner()).toBeNull());
    expect((await sidebar()).getByTestId('automation-state').textContent).toBe('Idle');
  });

  it('follows a pause made elsewhere (the tray), and resumes from the banner', async () => {
    const api = installFakeApi(
      shellHandlers({ 'automation:resume': () => anAutomationStatus({ at: pausedAt }) }),
    );
    render(<AppShell />);
    await (await sidebar()).findByText('Idle');

    act(() => api.emit('automation:status', paused));
    await waitFor(() => expect(banner()).not.toBeNull());
    expect((await sidebar()).getByTestId('automation-activity').textContent).toBe(
      'Paused since 09:30',
    );

    await userEvent.click(
      within(banner() as HTMLElement).getByRole('button', { name: 'Resume automation' }),
    );
    await waitFor(() => expect(banner()).toBeNull());
    expect(api.callsTo('automation:resume')).toEqual([{}]);
    expect((await sidebar()).getByTestId('automation-state').textContent).toBe('Idle');
  });
});

describe('showing what a notice is about', () => {
  it('opens the screen on the item from a toast’s Show, and from the shell’s request', async () => {
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    const api = installFakeApi(shellHandlers());
    useNavigation.getState().actions.go('settings');
    render(<AppShell />);
    await screen.findByRole('heading', { name: 'Settings' });

    act(() =>
      api.emit('app:notice', {
        level: 'error',
        title: '“Morning beach” run failed',
        body: 'No clips matched the sources.',
        target: { screen: 'configs', itemId: 'config-1' },
      }),
    );
    const toast = await screen.findByRole('alert');
    await userEvent.click(within(toast).getByRole('button', { name: 'Show' }));

    await screen.findByRole('heading', { name: 'Configs' });
    await waitFor(() =>
      expect(scrolled.map((element) => element.getAttribute('data-item-id'))).toEqual(['config-1']),
    );
    expect(screen.queryByRole('alert')).toBeNull();

    act(() => api.emit('app:navigate', { screen: 'settings' }));
    await screen.findByRole('heading', { name: 'Settings' });
  });
});

describe('the alerts badge in the navigation', () => {
  it('counts open alerts on every screen, live, and goes when none is open', async () => {
    const api = installFakeApi(
      shellHandlers({ 'alerts:counts': () => ({ open: 2, acknowledged: 1, errors: 0 }) }),
    );
    render(<AppShell />);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      await within(nav).findByRole('button', { name: /^Statistics\s*2 open alerts$/ }),
    ).toBeTruthy();
    act(() =>
      api.emit('alerts:changed', {
        alert: anAlert({ id: 'alert-9', state: 'open' }),
        counts: { open: 3, acknowledged: 1, errors: 1 },
      }),
    );
    expect(
      await within(nav).findByRole('button', { name: /^Statistics\s*3 open alerts$/ }),
    ).toBeTruthy();
    act(() =>
      api.emit('alerts:changed', {
        alert: anAlert({ id: 'alert-9', state: 'acknowledged' }),
        counts: { open: 0, acknowledged: 2, errors: 0 },
      }),
    );
    expect(await within(nav).findByRole('button', { name: 'Statistics' })).toBeTruthy();
  });
});

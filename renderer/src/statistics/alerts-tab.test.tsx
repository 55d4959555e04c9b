import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Alert, AlertCounts, AlertState } from '../../../shared/domain/alerts';
import { ToastList } from '../components/toast-list';
import { StatisticsScreen } from '../screens/statistics-screen';
import { useNavigation } from '../stores/navigation-store';
import { engineError } from '../testing/fake-api';
import { anAlert, someAlertCounts } from '../testing/fixtures';
import { installFakeApi, toastsShown } from '../testing/harness';
import { AlertsBadge } from './alerts-badge';
import { alertsTab } from './statistics-tabs';

/** An engine holding alerts: list, counts, acknowledge and resolve keep them consistent. */
function alertsEngine(initial: Alert[]) {
  const alerts = new Map(initial.map((alert) => [alert.id, alert]));
  const counts = (): AlertCounts => {
    const all = [...alerts.values()];
    return {
      open: all.filter((a) => a.state === 'open').length,
      acknowledged: all.filter((a) => a.state === 'acknowledged').length,
      errors: all.filter((a) => a.state === 'open' && a.severity === 'error').length,
    };
  };
  const change = (id: string, patch: Partial<Alert>) => {
    const next = { ...(alerts.get(id) as Alert), ...patch };
    alerts.set(id, next);
    return next;
  };
  const api = installFakeApi({
    'alerts:list': ({ state }) => ({
      alerts: [...alerts.values()].filter((a) => a.state === state),
      nextCursor: null,
    }),
    'alerts:counts': counts,
    'alerts:acknowledge': ({ id }) => change(id, { state: 'acknowledged', acknowledgedAt: 2 }),
    'alerts:resolve': ({ id }) =>
      change(id, { state: 'resolved', resolvedAt: 3, resolvedBy: 'person' }),
  });
  return { api, alerts, counts };
}

function renderInbox() {
  return render(
    <>
      <AlertsBadge />
      <StatisticsScreen tabs={[alertsTab]} />
      <ToastList />
    </>,
  );
}

const failedPost = anAlert();
const quota = anAlert({
  id: 'alert-2',
  causeKey: 'quota-near:youtube',
  kind: 'quotaNear',
  severity: 'warning',
  title: 'YouTube daily quota nearly used up',
  body: '8,000 units of 10,000 units used for YouTube.',
  action: null,
  target: { screen: 'accounts', itemId: 'account-2' },
  count: 1,
});

function alertCard(title: string) {
  return screen.getByRole('listitem', { name: title });
}

function viewButton(state: AlertState) {
  const names = { open: /^Open/, acknowledged: /^Acknowledged/, resolved: /^Resolved/ };
  return within(screen.getByRole('group', { name: 'Which alerts' })).getByRole('button', {
    name: names[state],
  });
}

describe('the alerts inbox', () => {
  it('lists open alerts with what to do; acknowledging takes one out of the badge, resolving out of the inbox', async () => {
    const { api } = alertsEngine([failedPost, { ...quota, count: 3 }]);
    renderInbox();

    expect((await screen.findByTestId('alerts-badge')).textContent).toBe('22 open alerts');
    const post = await screen.findByRole('listitem', { name: failedPost.title });
    expect(post.textContent).toContain('TikTok refused the video');
    expect(post.textContent).toContain('What to do: Change the video or its text');
    expect(within(alertCard(quota.title)).getByTitle('Happened 3 times').textContent).toContain(
      '×3',
    );
    expect(viewButton('open').textContent).toContain('Open (2)');

    await userEvent.click(within(post).getByRole('button', { name: 'Acknowledge' }));
    expect(api.callsTo('alerts:acknowledge')).toEqual([{ id: failedPost.id }]);
    await waitFor(() =>
      expect(screen.queryByRole('listitem', { name: failedPost.title })).toBeNull(),
    );
    await waitFor(() =>
      expect(screen.getByTestId('alerts-badge').textContent).toBe('11 open alert'),
    );
    expect(viewButton('acknowledged').textContent).toContain('Acknowledged (1)');

    // Acknowledged alerts: still there, and can be resolved.
    await userEvent.click(viewButton('acknowledged'));
    const acknowledged = await screen.findByRole('listitem', { name: failedPost.title });
    expect(within(acknowledged).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    await userEvent.click(within(acknowledged).getByRole('button', { name: 'Resolve' }));
    expect(api.callsTo('alerts:resolve')).toEqual([{ id: failedPost.id }]);
    await screen.findByRole('heading', { name: 'Nothing acknowledged' });

    await userEvent.click(viewButton('resolved'));
    const resolved = await screen.findByRole('listitem', { name: failedPost.title });
    expect(resolved.textContent).toContain('Resolved by you');
    expect(within(resolved).queryByRole('button', { name: 'Resolve' })).toBeNull();
  });

  it('follows alerts pushed by the engine, the badge included', async () => {
    const { api } = alertsEngine([failedPost]);
    renderInbox();
    await screen.findByRole('listitem', { name: failedPost.title });
    expect(screen.getByText('1 open alert')).toBeTruthy();

    const counts = someAlertCounts({ open: 2, errors: 1 });
    act(() => api.emit('alerts:changed', { alert: quota, counts }));
    expect(await screen.findByRole('listitem', { name: quota.title })).toBeTruthy();
    expect(screen.getByText('2 open alerts')).toBeTruthy();

    // Resolved by its rule: it leaves the open list, and the badge goes when nothing is open.
    act(() =>
      api.emit('alerts:changed', {
        alert: { ...failedPost, state: 'resolved', resolvedAt: 5, resolvedBy: 'rule' },
        counts: someAlertCounts({ open: 1, errors: 0 }),
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('listitem', { name: failedPost.title })).toBeNull(),
    );
    act(() =>
      api.emit('alerts:changed', {
        alert: { ...quota, state: 'resolved', resolvedAt: 6, resolvedBy: 'rule' },
        counts: someAlertCounts({ open: 0, errors: 0 }),
      }),
    );
    await screen.findByRole('heading', { name: 'No open alerts' });
    expect(screen.queryByTestId('alerts-badge')).toBeNull();
  });

  it('says in the engine’s words when an alert cannot be acknowledged, and keeps it', async () => {
    const { api } = alertsEngine([failedPost]);
    api.handle('alerts:acknowledge', () => {
      throw engineError(
        'CONFLICT',
        'This alert is already resolved: there is nothing left to acknowledge.',
      );
    });
    renderInbox();
    const post = await screen.findByRole('listitem', { name: failedPost.title });
    await userEvent.click(within(post).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() =>
      expect(toastsShown()).toEqual([
        'The alert could not be acknowledged: This alert is already resolved: there is nothing left to acknowledge.',
      ]),
    );
    expect(screen.getByRole('listitem', { name: failedPost.title })).toBeTruthy();
    expect(
      (within(post).getByRole('button', { name: 'Acknowledge' }) as HTMLButtonElement).disabled,
    ).toBe(false);
  });

  it('opens the item an alert is about', async () => {
    alertsEngine([failedPost]);
    renderInbox();
    const post = await screen.findByRole('listitem', { name: failedPost.title });
    await userEvent.click(within(post).getByRole('button', { name: 'Show in Distribution' }));
    expect(useNavigation.getState()).toMatchObject({
      screen: 'distribution',
      reveal: { itemId: 'target-1' },
    });
  });

  it('shows a failed load with a way to try again', async () => {
    const api = installFakeApi({
      'alerts:list': () => {
        throw engineError('INTERNAL', 'The database is locked.');
      },
      'alerts:counts': () => someAlertCounts(),
    });
    renderInbox();
    const failure = await screen.findByRole('alert');
    expect(failure.textContent).toContain('Alerts could not be loaded: The database is locked.');
    api.handle('alerts:list', () => ({ alerts: [], nextCursor: null }));
    await userEvent.click(within(failure).getByRole('button', { name: 'Try again' }));
    await screen.findByRole('heading', { name: 'No open alerts' });
  });

  it('pages in older alerts', async () => {
    const api = installFakeApi({
      'alerts:list': ({ after }) =>
        after
          ? { alerts: [quota], nextCursor: null }
          : { alerts: [failedPost], nextCursor: `${failedPost.lastSeenAt}:${failedPost.id}` },
      'alerts:counts': () => someAlertCounts({ open: 2 }),
    });
    renderInbox();
    await screen.findByRole('listitem', { name: failedPost.title });
    await userEvent.click(screen.getByRole('button', { name: 'Show older alerts' }));
    await screen.findByRole('listitem', { name: quota.title });
    expect(api.callsTo('alerts:list').at(-1)).toMatchObject({
      state: 'open',
      after: `${failedPost.lastSeenAt}:${failedPost.id}`,
    });
    expect(screen.queryByRole('button', { name: 'Show older alerts' })).toBeNull();
  });
});

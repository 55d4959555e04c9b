import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { defaultPacingConfig } from '../../../shared/domain/accounts';
import { ToastList } from '../components/toast-list';
import { badInput, engineError } from '../testing/fake-api';
import { anAccount } from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { AccountsScreen } from './accounts-screen';

const setup = {
  'accounts:credentials': () => [],
  'accounts:pacing': () => defaultPacingConfig,
} as const;

function renderScreen() {
  return render(
    <>
      <AccountsScreen />
      <ToastList />
    </>,
  );
}

/** Opens the limits form of the YouTube account. */
async function openLimits() {
  const card = await screen.findByRole('article', { name: 'YouTube @sunny' });
  await userEvent.click(within(card).getByRole('button', { name: 'Edit limits' }));
  return within(within(card).getByRole('form', { name: 'Limits of @sunny' }));
}

function notifications(): string {
  return screen.getByRole('region', { name: 'Notifications' }).textContent ?? '';
}

describe('the Accounts screen', () => {
  it('writes each handle, failure and count once, and where the sign-in is kept in words', async () => {
    const reason = 'TikTok no longer accepts this sign-in. Reconnect the account.';
    installFakeApi({
      ...setup,
      'accounts:list': () => [
        anAccount({
          id: 'tt',
          platform: 'tiktok',
          handle: 'sunny.tt',
          status: 'needs_reconnect',
          statusReason: reason,
          nextPost: { allowed: false, at: null, reason },
          counters: { postsTotal: 1, errorsTotal: 1, consecutiveErrors: 1, costTotalUsd: 0 },
          token: {
            scopes: ['video.publish'],
            accessExpiresAt: null,
            refreshExpiresAt: null,
            protectedBy: 'AES-256-GCM vault (key file)',
            secure: true,
          },
        }),
      ],
    });
    renderScreen();
    const card = await screen.findByRole('article', { name: 'TikTok @sunny.tt' });
    expect(card.textContent?.split(reason)).toHaveLength(2);
    expect(within(card).getByText('@sunny.tt')).toBeTruthy();
    expect(card.textContent).not.toContain('@@');
    expect(card.textContent).toContain('1 post, 1 error');
    expect(card.textContent).toContain('kept encrypted in the data folder');
    expect(card.textContent).not.toContain('AES-256-GCM');
  });

  it('keeps an account enabled, and says why, when disabling it is refused', async () => {
    const api = installFakeApi({
      ...setup,
      'accounts:list': () => [anAccount()],
      'accounts:setEnabled': () => {
        throw engineError('CONFLICT', 'A post to this account is being published right now.');
      },
    });
    renderScreen();

    const card = await screen.findByRole('article', { name: 'YouTube @sunny' });
    await userEvent.click(within(card).getByRole('button', { name: 'Disable' }));

    await waitFor(() => expect(notifications()).toContain('@sunny could not be disabled'));
    expect(notifications()).toContain('A post to this account is being published right now.');
    expect(api.callsTo('accounts:setEnabled')).toEqual([
      { accountId: 'account-1', enabled: false },
    ]);
    expect(within(card).getByTestId('account-status').textContent).toBe('Active');
    const disable = within(card).getByRole('button', { name: 'Disable' }) as HTMLButtonElement;
    expect(disable.disabled).toBe(false);
  });

  it('shows the engine’s answer when an account is disabled', async () => {
    installFakeApi({
      ...setup,
      'accounts:list': () => [anAccount()],
      'accounts:setEnabled': ({ enabled }) =>
        anAccount({
          status: enabled ? 'active' : 'disabled',
          nextPost: { allowed: false, at: null, reason: 'Disabled by you' },
        }),
    });
    renderScreen();

    const card = await screen.findByRole('article', { name: 'YouTube @sunny' });
    await userEvent.click(within(card).getByRole('button', { name: 'Disable' }));

    await waitFor(() =>
      expect(within(card).getByTestId('account-status').textContent).toBe('Disabled'),
    );
    expect(within(card).getByTestId('next-post').textContent).toBe('Not posting: Disabled by you');
    expect(within(card).getByRole('button', { name: 'Enable' })).toBeTruthy();
    expect(notifications()).toContain('Account disabled');
  });

  it('follows account changes pushed by the engine', async () => {
    const api = installFakeApi({ ...setup, 'accounts:list': () => [anAccount()] });
    renderScreen();

    await screen.findByRole('article', { name: 'YouTube @sunny' });
    api.emit('accounts:changed', {
      accountId: 'account-2',
      account: anAccount({ id: 'account-2', platform: 'x', handle: '@dusk' }),
    });
    await screen.findByRole('article', { name: 'X @dusk' });
    expect(screen.getByText('2 accounts')).toBeTruthy();

    api.emit('accounts:changed', { accountId: 'account-1', account: null });
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'YouTube @sunny' })).toBeNull(),
    );
  });

  it('puts the limits the engine refused beside their fields', async () => {
    const api = installFakeApi({
      ...setup,
      'accounts:list': () => [anAccount()],
      'accounts:updateLimits': () => {
        throw badInput({ 'limits.postsPerHour': 'More than YouTube allows for this account.' });
      },
    });
    renderScreen();

    const form = await openLimits();
    const perHour = form.getByLabelText(/^Posts per hour/);
    await userEvent.clear(perHour);
    await userEvent.type(perHour, '50');
    await userEvent.clear(form.getByLabelText(/^Minimum gap/));
    await userEvent.click(form.getByRole('button', { name: 'Save limits' }));

    await form.findByText('More than YouTube allows for this account.');
    expect(perHour.getAttribute('aria-invalid')).toBe('true');
    // The hint stays where nothing was refused; an emptied field means "no limit".
    expect(form.getByText('Time between two posts.')).toBeTruthy();
    expect(api.callsTo('accounts:updateLimits')).toEqual([
      {
        accountId: 'account-1',
        limits: { postsPerHour: 50, postsPerDay: 10, minGapMinutes: null },
      },
    ]);
    expect(notifications()).toContain('The limits were not saved');
  });

  it('shows the contract’s own words for a limit out of range', async () => {
    const api = installFakeApi({ ...setup, 'accounts:list': () => [anAccount()] });
    renderScreen();

    const form = await openLimits();
    const perDay = form.getByLabelText(/^Posts per day/);
    await userEvent.clear(perDay);
    await userEvent.type(perDay, '5000');
    await userEvent.click(form.getByRole('button', { name: 'Save limits' }));

    await waitFor(() => expect(perDay.getAttribute('aria-invalid')).toBe('true'));
    expect(form.queryByText('Resets at midnight in your time zone.')).toBeNull();
    expect(api.callsTo('accounts:updateLimits')).toHaveLength(1);
  });

  it('says so in place when the accounts cannot be loaded, and tries again', async () => {
    let answers = 0;
    installFakeApi({
      ...setup,
      'accounts:list': () => {
        answers += 1;
        if (answers === 1) throw engineError('UNAVAILABLE', 'The engine is starting.');
        return [];
      },
    });
    renderScreen();

    const failure = await screen.findByText(/Accounts could not be loaded: The engine is starting/);
    await userEvent.click(
      within(failure.closest('[role="alert"]') as HTMLElement).getByRole('button', {
        name: 'Try again',
      }),
    );
    await screen.findByRole('heading', { name: 'No accounts yet' });
  });
});

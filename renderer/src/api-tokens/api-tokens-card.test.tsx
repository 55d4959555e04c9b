import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ApiTokenInfo } from '../../../shared/domain/api-tokens';
import { ToastList } from '../components/toast-list';
import { engineError } from '../testing/fake-api';
import { anApiToken } from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { ApiTokensCard } from './api-tokens-card';

const secret = 'rpk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd';

function renderCard() {
  return render(
    <>
      <ApiTokensCard mode="headless" />
      <ToastList />
    </>,
  );
}

function tokenList() {
  return within(screen.getByRole('list', { name: 'Tokens' }));
}

describe('the API tokens card', () => {
  it('shows a created token once, then only its name and prefix', async () => {
    let tokens: ApiTokenInfo[] = [];
    const api = installFakeApi({
      'apiTokens:list': () => tokens,
      'apiTokens:create': ({ name }) => {
        const info = anApiToken({ id: 'token-2', name, prefix: secret.slice(0, 8) });
        tokens = [...tokens, info];
        return { token: secret, info };
      },
    });
    renderCard();
    await screen.findByText('No API tokens.');

    await userEvent.type(screen.getByLabelText('Name'), '  Agency CRM');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));

    const created = await screen.findByRole('status', { name: 'New token' });
    expect(within(created).getByTestId('new-token').textContent).toBe(secret);
    expect(within(created).getByRole('generic', { name: 'Example' }).textContent).toContain(
      `Authorization: Bearer ${secret}`,
    );
    expect(api.callsTo('apiTokens:create')).toEqual([{ name: '  Agency CRM' }]);
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('');
    expect(tokenList().getByRole('listitem', { name: 'Agency CRM' }).textContent).toContain(
      'rpk_AbCd…',
    );

    await userEvent.click(within(created).getByRole('button', { name: 'Done, I copied it' }));
    expect(screen.queryByRole('status', { name: 'New token' })).toBeNull();
    expect(document.body.textContent).not.toContain(secret);
    expect(tokenList().getByRole('listitem', { name: 'Agency CRM' })).toBeTruthy();
  });

  it('says why the engine refused a new token, and keeps the name typed', async () => {
    installFakeApi({
      'apiTokens:list': () => [],
      'apiTokens:create': () => {
        throw engineError(
          'CONFLICT',
          'There are already 20 API tokens. Revoke the ones no longer used first.',
        );
      },
    });
    renderCard();
    await userEvent.type(await screen.findByLabelText('Name'), 'One more');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The token was not created');
    expect(alert.textContent).toContain('There are already 20 API tokens.');
    expect(screen.queryByRole('status', { name: 'New token' })).toBeNull();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('One more');
  });

  it('revokes a token after asking, and keeps it when the person cancels', async () => {
    let tokens = [anApiToken(), anApiToken({ id: 'token-2', name: 'Reporting script' })];
    const api = installFakeApi({
      'apiTokens:list': () => tokens,
      'apiTokens:revoke': ({ id }) => {
        tokens = tokens.filter((token) => token.id !== id);
        return { revoked: true };
      },
    });
    renderCard();
    const row = await screen.findByRole('listitem', { name: 'Agency dashboard' });

    await userEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke “Agency dashboard”?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('apiTokens:revoke')).toEqual([]);

    await userEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Revoke token' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('listitem', { name: 'Agency dashboard' })).toBeNull(),
    );
    expect(api.callsTo('apiTokens:revoke')).toEqual([{ id: 'token-1' }]);
    expect(tokenList().getByRole('listitem', { name: 'Reporting script' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Notifications' }).textContent).toContain(
      'Token revoked',
    );
  });
});

import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AutomationPreferences } from '../../../shared/domain/automation';
import { ToastList } from '../components/toast-list';
import { useAutomation } from '../stores/automation-store';
import { useDomain } from '../stores/domain-store';
import { anAutomationStatus, someAutomationPreferences } from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { NotificationSettingsCard } from './notification-settings-card';

/** The shell loads the automation preferences; the card edits them. */
function WithAutomation() {
  useDomain(useAutomation);
  return <NotificationSettingsCard mode="headless" />;
}

describe('the Notifications card', () => {
  it('saves the kinds switched off, and puts a refused threshold beside its field', async () => {
    let saved = someAutomationPreferences();
    const api = installFakeApi({
      'automation:status': () => anAutomationStatus(),
      'automation:preferences': () => saved,
      'automation:updatePreferences': (patch) =>
        (saved = {
          ...saved,
          ...patch,
          notifications: { ...saved.notifications, ...patch.notifications },
        } as AutomationPreferences),
    });
    render(
      <>
        <WithAutomation />
        <ToastList />
      </>,
    );

    const threshold = await screen.findByLabelText(/less free space than/);
    await userEvent.clear(threshold);
    await userEvent.type(threshold, '0.2');
    await userEvent.click(screen.getByRole('button', { name: 'Save notifications' }));
    // Beside its field (the form's own line says it too).
    await screen.findByText('The low-disk warning needs at least 0.5 GB.', { selector: 'small' });
    expect(threshold.getAttribute('aria-invalid')).toBe('true');
    expect(api.callsTo('automation:updatePreferences')).toEqual([
      expect.objectContaining({ lowDiskGb: 0.2 }),
    ]);

    await userEvent.click(screen.getByLabelText('A config run failed'));
    await userEvent.clear(threshold);
    await userEvent.type(threshold, '5');
    await userEvent.click(screen.getByRole('button', { name: 'Save notifications' }));

    await screen.findByText('Notifications saved');
    expect(api.callsTo('automation:updatePreferences').at(-1)).toEqual({
      notifications: {
        postFailed: true,
        accountReconnect: true,
        runFailed: false,
        lowDisk: true,
        quotaNear: true,
        stuck: true,
      },
      lowDiskGb: 5,
    });
    await waitFor(() =>
      expect(
        (screen.getByRole('button', { name: 'Save notifications' }) as HTMLButtonElement).disabled,
      ).toBe(true),
    );
    expect((screen.getByLabelText('A config run failed') as HTMLInputElement).checked).toBe(false);
  });
});

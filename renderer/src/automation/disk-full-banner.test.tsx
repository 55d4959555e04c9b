import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAutomation } from '../stores/automation-store';
import { useDomain } from '../stores/domain-store';
import { anAutomationStatus, someAutomationPreferences } from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { DiskFullBanner } from './disk-full-banner';

/** The shell follows the automation status; the banner shows what it says about the disk. */
function WithAutomation() {
  useDomain(useAutomation);
  return <DiskFullBanner />;
}

describe('the disk-full banner', () => {
  it('shows while the engine says the disk is full, and goes when there is room again', async () => {
    const full = anAutomationStatus({
      diskFull: {
        since: anAutomationStatus().at - 25 * 60_000,
        dataDir: '/home/ana/.config/ReelPilot',
        freeBytes: 0,
      },
    });
    const api = installFakeApi({
      'automation:status': () => full,
      'automation:preferences': () => someAutomationPreferences(),
    });
    render(<WithAutomation />);
    const banner = await screen.findByRole('alert', { name: 'The disk is full' });
    expect(banner.textContent).toMatch(
      /^The disk holding your data is full \(since [^)]*35[^)]*\)\./,
    );
    expect(banner.textContent).toContain('cannot save to /home/ana/.config/ReelPilot (0 B free)');
    expect(banner.textContent).toContain('goes on by itself, and nothing saved is lost');

    api.emit('automation:status', anAutomationStatus({ diskFull: null }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});

describe('after a break in the event stream', () => {
  it('reads the status again: a disk that filled meanwhile is shown', async () => {
    let status = anAutomationStatus({ diskFull: null });
    const api = installFakeApi({
      'automation:status': () => status,
      'automation:preferences': () => someAutomationPreferences(),
    });
    render(<WithAutomation />);
    await waitFor(() => expect(api.callsTo('automation:status')).toHaveLength(1));
    expect(screen.queryByRole('alert')).toBeNull();

    // The push of this status was missed while the stream was away.
    status = anAutomationStatus({
      diskFull: { since: status.at, dataDir: '/data', freeBytes: 1024 },
    });
    api.resync();
    await screen.findByRole('alert', { name: 'The disk is full' });
    expect(api.callsTo('automation:status')).toHaveLength(2);
  });
});

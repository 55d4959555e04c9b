import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackupSettings } from '../../../shared/domain/backup';
import { ToastList } from '../components/toast-list';
import { badInput, engineError, type FakeHandlers } from '../testing/fake-api';
import { aBackupEntry, aBackupStatus, aDriveUpload, aStorageStatus } from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { StorageBackupSection } from './storage-backup-section';

const disconnected = aStorageStatus({
  connection: {
    state: 'disconnected',
    email: null,
    displayName: null,
    connectedAt: null,
    message: null,
  },
  folders: [],
  quota: null,
});

function setup(handlers: FakeHandlers = {}) {
  return installFakeApi({
    'storage:status': () => aStorageStatus(),
    'backup:status': () => aBackupStatus(),
    'backup:list': () => ({ backups: [aBackupEntry()], driveError: null }),
    ...handlers,
  });
}

function renderSection() {
  return render(
    <>
      <StorageBackupSection />
      <ToastList />
    </>,
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Settings → Storage & backup: Google Drive', () => {
  it('connects Drive: the sign-in page opens, and the card follows the flow to connected', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    const api = setup({
      'storage:status': () => disconnected,
      'storage:connect': () => ({
        flowId: 'flow-1',
        authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth?x',
        openedExternally: false,
        expiresAt: Date.now() + 300_000,
      }),
    });
    renderSection();
    const card = within(await screen.findByRole('region', { name: 'Google Drive' }));
    expect(card.getByText(/asks only for the files it makes itself/)).toBeTruthy();
    await userEvent.click(card.getByRole('button', { name: 'Connect Google Drive' }));
    expect(api.callsTo('storage:connect')).toEqual([{ allowInsecureStorage: false }]);
    expect(open).toHaveBeenCalledWith(
      'https://accounts.google.com/o/oauth2/v2/auth?x',
      '_blank',
      'noopener',
    );
    expect(card.getByTestId('drive-connect-status').textContent).toMatch(
      /Waiting for you to allow/,
    );

    api.emit('storage:connectProgress', {
      flowId: 'flow-1',
      stage: 'connected',
      message: 'Google Drive is connected as creator@example.com.',
    });
    api.emit('storage:changed', aStorageStatus());
    await waitFor(() =>
      expect(card.getByTestId('drive-account').textContent).toBe('creator@example.com'),
    );
    expect(card.getByText('Google Drive is connected as creator@example.com.')).toBeTruthy();
    await userEvent.click(card.getByRole('button', { name: 'Done' }));
    expect(card.getByRole('button', { name: 'Disconnect' })).toBeTruthy();
  });

  it('shows as whom, the folders, the usage with its age, and disconnects after asking', async () => {
    const api = setup({ 'storage:disconnect': () => disconnected });
    renderSection();
    const card = within(await screen.findByRole('region', { name: 'Google Drive' }));
    expect(card.getByTestId('drive-account').textContent).toBe('creator@example.com');
    expect(card.getByRole('link', { name: 'ReelPilot/Backups' }).getAttribute('href')).toBe(
      'https://drive.google.com/drive/folders/b',
    );
    expect(card.getByText('6.0 GB of 15 GB used')).toBeTruthy();
    expect(card.getByText(/Checked 5 minutes ago/)).toBeTruthy();
    const meter = card.getByRole('meter', { name: 'Google Drive storage' });
    expect(meter.getAttribute('aria-valuenow')).toBe('40');
    expect(card.getByText('ReelPilot: 1.0 GB')).toBeTruthy();
    expect(card.getByText(/3 requests in the last minute \(limit 12,000\)/)).toBeTruthy();

    await userEvent.click(card.getByRole('button', { name: 'Disconnect' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText(/The files already in Drive stay there/)).toBeTruthy();
    await userEvent.click(dialog.getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(api.callsTo('storage:disconnect')).toHaveLength(1));
    expect(await card.findByRole('button', { name: 'Connect Google Drive' })).toBeTruthy();
  });

  it('asks to reconnect when Google refused the grant, and retries a failed upload', async () => {
    const failed = aDriveUpload({
      id: 'upload-9',
      kind: 'render',
      name: 'Beach 2026-01-15 09.00.mp4',
      state: 'failed',
      message: 'Google Drive rejected the post: file too large.',
    });
    const api = setup({
      'storage:status': () =>
        aStorageStatus({
          connection: {
            state: 'needs_reconnect',
            email: 'creator@example.com',
            displayName: null,
            connectedAt: null,
            message: 'Google refused the sign-in (it was revoked, or expired)',
          },
          uploads: { recent: [failed], active: 0, failed: 1 },
        }),
      'storage:retryUpload': () => ({ ...failed, state: 'queued', message: null }),
    });
    renderSection();
    const card = within(await screen.findByRole('region', { name: 'Google Drive' }));
    expect(card.getByRole('alert').textContent).toMatch(
      /revoked, or expired.*Backups stay on this computer/,
    );
    expect(card.getByRole('button', { name: 'Reconnect Google Drive' })).toBeTruthy();
    await userEvent.click(card.getByText('Recent uploads'));
    expect(card.getByText('Google Drive rejected the post: file too large.')).toBeTruthy();
    await userEvent.click(card.getByRole('button', { name: 'Try again' }));
    expect(api.callsTo('storage:retryUpload')).toEqual([{ id: 'upload-9' }]);
    await waitFor(() => expect(card.getByText('Queued')).toBeTruthy());
  });

  it('says what could not be loaded, and loads again on request', async () => {
    let fail = true;
    setup({
      'storage:status': () => {
        if (fail) throw engineError('UNAVAILABLE', 'The database is busy.');
        return aStorageStatus();
      },
    });
    renderSection();
    const alert = await screen.findByText('Storage could not be loaded: The database is busy.');
    fail = false;
    await userEvent.click(
      within(alert.closest('[role="alert"]') as HTMLElement).getByRole('button', {
        name: 'Try again',
      }),
    );
    expect(await screen.findByTestId('drive-account')).toBeTruthy();
  });
});

describe('Settings → Storage & backup: backups', () => {
  it('backs up now with progress, then lists the new backup', async () => {
    let backups = [aBackupEntry()];
    const api = setup({
      'backup:list': () => ({ backups, driveError: null }),
      'backup:run': () => ({ backupId: 'backup-2' }),
    });
    renderSection();
    const card = within(await screen.findByRole('region', { name: 'Backups' }));
    await userEvent.click(card.getByRole('button', { name: 'Back up now' }));
    expect(api.callsTo('backup:run')).toEqual([{}]);
    expect(card.getByRole('button', { name: 'Backing up…' }).hasAttribute('disabled')).toBe(true);
    api.emit('backup:progress', {
      operation: 'backup',
      backupId: 'backup-2',
      stage: 'compressing',
      fraction: 0.5,
      message: 'Compressing the copy…',
    });
    expect(await card.findByText(/Compressing: Compressing the copy…/)).toBeTruthy();
    backups = [
      aBackupEntry({
        id: 'backup-2',
        trigger: 'manual',
        drive: null,
        upload: aDriveUpload({ state: 'uploading', sentBytes: 5 * 1024 ** 2 }),
      }),
      ...backups,
    ];
    api.emit('backup:progress', {
      operation: 'backup',
      backupId: 'backup-2',
      stage: 'done',
      fraction: 1,
      message: 'Backup saved on this computer.',
    });
    const list = within(screen.getByRole('region', { name: 'Your backups' }));
    await waitFor(() => expect(list.getAllByTestId('backup-row')).toHaveLength(2));
    const newest = within(list.getAllByTestId('backup-row')[0]!);
    expect(newest.getByText('By hand')).toBeTruthy();
    expect(newest.getByText('This computer')).toBeTruthy();
    expect(newest.getByText('Uploading 25%')).toBeTruthy();
    expect(card.getByRole('button', { name: 'Back up now' })).toBeTruthy();
  });

  it('restores after a confirmation that says what will be replaced', async () => {
    const api = setup({
      'backup:inspect': () => ({
        createdAt: Date.UTC(2026, 0, 15, 8, 0),
        appVersion: '0.1.0',
        schemaVersion: 7,
        counts: { accounts: 4, configs: 2, posts: 120, metrics: 360, mediaItems: 40 },
        current: { accounts: 5, configs: 3, posts: 150, metrics: 500, mediaItems: 44 },
        restoreBlocker: null,
      }),
      'backup:restore': () => ({
        state: 'restarting',
        message: 'The backup is verified. ReelPilot restarts with it now.',
      }),
    });
    renderSection();
    const list = within(await screen.findByRole('region', { name: 'Your backups' }));
    const row = within(list.getByTestId('backup-row'));
    expect(row.getByText('4 accounts, 2 configs, 120 posts')).toBeTruthy();
    expect(row.getByText('Google Drive')).toBeTruthy();
    await userEvent.click(row.getByRole('button', { name: /Restore the backup of/ }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(api.callsTo('backup:inspect')).toEqual([
      { source: { from: 'local', backupId: 'backup-1' } },
    ]);
    expect(await dialog.findByText(/replaces everything ReelPilot holds now/)).toBeTruthy();
    const accounts = within(dialog.getByRole('row', { name: /Accounts/ }));
    expect(accounts.getAllByRole('cell').map((c) => c.textContent)).toEqual(['5', '4']);
    await userEvent.click(
      dialog.getByRole('button', { name: 'Replace the current data and restart' }),
    );
    expect(api.callsTo('backup:restore')).toEqual([
      { source: { from: 'local', backupId: 'backup-1' } },
    ]);
    const restarting = within(await screen.findByRole('dialog'));
    expect(restarting.getByText('Restoring the backup')).toBeTruthy();
    expect(restarting.getByText(/ReelPilot restarts with it now/)).toBeTruthy();
  });

  it('refuses to restore a backup from a newer app, and says why for a file', async () => {
    setup({
      'backup:list': () => ({
        backups: [
          aBackupEntry({
            appVersion: '0.9.0',
            restoreBlocker:
              'This backup was made by a newer ReelPilot (0.9.0, database version 12; this app reads up to 7). Update ReelPilot to restore it.',
          }),
        ],
        driveError: null,
      }),
      'backup:inspect': () => {
        throw engineError(
          'BAD_INPUT',
          'it is neither a ReelPilot backup (.db.gz) nor a SQLite database',
        );
      },
    });
    renderSection();
    const list = within(await screen.findByRole('region', { name: 'Your backups' }));
    const restore = list.getByRole('button', { name: /Restore the backup of/ });
    expect(restore.hasAttribute('disabled')).toBe(true);
    expect(restore.getAttribute('title')).toMatch(/newer ReelPilot .* Update ReelPilot/);
    await userEvent.type(
      list.getByLabelText('Restore from a file on this computer (.db.gz)'),
      '/home/me/notes.txt',
    );
    await userEvent.click(list.getByRole('button', { name: 'Check and restore…' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(await dialog.findByText(/neither a ReelPilot backup/)).toBeTruthy();
    expect(dialog.queryByRole('button', { name: /Replace/ })).toBeNull();
  });

  it('saves the schedule and retention, and shows a refused field beside it', async () => {
    let saved: BackupSettings = aBackupStatus().settings;
    let refuse = true;
    const api = setup({
      'backup:updateSettings': (patch) => {
        if (refuse) {
          refuse = false;
          throw badInput({ time: 'Enter a time as HH:MM on the 24-hour clock, such as 09:30.' });
        }
        saved = { ...saved, ...patch };
        return aBackupStatus({ settings: saved });
      },
    });
    renderSection();
    const form = within(await screen.findByRole('form', { name: 'Backup schedule and retention' }));
    expect(
      form.getByText(
        /newest backup of each of the last 7 days that have one, of the last 4 weeks, of the last 12 months/,
      ),
    ).toBeTruthy();
    const daily = form.getByLabelText('Daily backups kept');
    await userEvent.clear(daily);
    await userEvent.type(daily, '3');
    await userEvent.click(form.getByRole('button', { name: 'Save backup settings' }));
    expect(
      await form.findByText('Enter a time as HH:MM on the 24-hour clock, such as 09:30.'),
    ).toBeTruthy();

    await userEvent.click(form.getByLabelText(/Copy every backup to Google Drive/));
    await userEvent.click(form.getByRole('button', { name: 'Save backup settings' }));
    await waitFor(() =>
      expect(api.callsTo('backup:updateSettings').at(-1)).toEqual({
        ...aBackupStatus().settings,
        keepDaily: 3,
        uploadToDrive: false,
      }),
    );
    expect(await screen.findByText(/Backup settings saved/)).toBeTruthy();
  });

  it('shows what a restore brought back, and dismisses it', async () => {
    const api = setup({
      'backup:status': () =>
        aBackupStatus({
          lastRestore: {
            backupId: 'backup-1',
            backupCreatedAt: Date.UTC(2026, 0, 14, 3, 0),
            appVersion: '0.1.0',
            restoredAt: Date.UTC(2026, 0, 15, 9, 0),
            counts: { accounts: 4, configs: 2, posts: 120, metrics: 360, mediaItems: 40 },
            undoBackupId: 'backup-0',
          },
        }),
      'backup:dismissRestoreReport': () => aBackupStatus(),
    });
    renderSection();
    const report = within(await screen.findByRole('status', { name: 'Restore report' }));
    expect(report.getByText(/4 accounts, 2 configs, 120 posts/)).toBeTruthy();
    expect(report.getByText(/restore that copy to undo/)).toBeTruthy();
    await userEvent.click(report.getByRole('button', { name: 'Dismiss' }));
    expect(api.callsTo('backup:dismissRestoreReport')).toEqual([{}]);
    await waitFor(() =>
      expect(screen.queryByRole('status', { name: 'Restore report' })).toBeNull(),
    );
  });

  it('tells how to keep the key to the secrets with the backups', async () => {
    setup();
    renderSection();
    const card = within(await screen.findByRole('region', { name: 'Backups' }));
    expect(card.getByText(/Keep the key to your secrets with your backups/)).toBeTruthy();
    expect(card.getByText(/secrets\.key/)).toBeTruthy();
  });
});

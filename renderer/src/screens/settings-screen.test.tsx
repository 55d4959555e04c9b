import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../shared/domain/settings';
import { ToastList } from '../components/toast-list';
import { useDomain } from '../stores/domain-store';
import { useSettings } from '../stores/settings-store';
import { badInput } from '../testing/fake-api';
import {
  aBackupStatus,
  anAppInfo,
  aRetentionStatus,
  aStorageStatus,
  someSettings,
} from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { SettingsScreen } from './settings-screen';

/** What the Settings screen's other cards load: favourite configs, API tokens, data kept, storage. */
const otherCards = {
  'configs:list': () => [],
  'configs:history': () => [],
  'apiTokens:list': () => [],
  'retention:status': () => aRetentionStatus(),
  'storage:status': () => aStorageStatus(),
  'backup:status': () => aBackupStatus(),
  'backup:list': () => ({ backups: [], driveError: null }),
} as const;

/** The shell loads the settings and follows them; the screen shows them. */
function WithSettings() {
  useDomain(useSettings);
  return <SettingsScreen />;
}

function renderScreen() {
  return render(
    <>
      <WithSettings />
      <ToastList />
    </>,
  );
}

function button(name: string): HTMLButtonElement {
  return screen.getByRole('button', { name });
}

describe('the Settings screen', () => {
  it('saves once something changed, and can be discarded until then', async () => {
    let saved = someSettings();
    const api = installFakeApi({
      ...otherCards,
      'settings:get': () => saved,
      'app:info': () => anAppInfo(),
      'settings:update': (patch) => (saved = { ...saved, ...patch } as Settings),
    });
    renderScreen();

    const theme = await screen.findByLabelText('Theme');
    expect(button('Save changes').disabled).toBe(true);
    await userEvent.selectOptions(theme, 'dark');
    expect(button('Save changes').disabled).toBe(false);
    await userEvent.click(button('Discard'));
    expect((theme as HTMLSelectElement).value).toBe('system');
    expect(button('Save changes').disabled).toBe(true);

    await userEvent.selectOptions(theme, 'dark');
    await userEvent.type(screen.getByLabelText('ffmpeg program'), '  /opt/ffmpeg/bin/ffmpeg ');
    await userEvent.click(button('Save changes'));

    await screen.findByText('Settings saved');
    expect(api.callsTo('settings:update')).toEqual([
      { theme: 'dark', timeZone: 'UTC', startAtLogin: false, ffmpegPath: '/opt/ffmpeg/bin/ffmpeg' },
    ]);
    await waitFor(() => expect(button('Save changes').disabled).toBe(true));
    expect((screen.getByLabelText('Theme') as HTMLSelectElement).value).toBe('dark');
  });

  it('puts the engine’s refusal beside the field, and keeps what was typed', async () => {
    installFakeApi({
      ...otherCards,
      'settings:get': () => someSettings(),
      'app:info': () => anAppInfo(),
      'settings:update': () => {
        throw badInput({ ffmpegPath: 'No runnable program at /nowhere/ffmpeg.' });
      },
    });
    renderScreen();

    const path = await screen.findByLabelText('ffmpeg program');
    await userEvent.type(path, '/nowhere/ffmpeg');
    await userEvent.click(button('Save changes'));

    // Beside the field, and in the toast (words only).
    expect(await screen.findAllByText('No runnable program at /nowhere/ffmpeg.')).toHaveLength(2);
    expect(path.getAttribute('aria-invalid')).toBe('true');
    expect(path.getAttribute('aria-describedby')).toBe('field-ffmpegPath-error');
    expect((path as HTMLInputElement).value).toBe('/nowhere/ffmpeg');
    expect(screen.getByRole('alert').textContent).toContain('Settings were not saved');
    // The toast speaks words, not the field's name in the code.
    expect(screen.getByRole('alert').textContent).not.toContain('ffmpegPath');
    expect(button('Save changes').disabled).toBe(false);
  });

  it('checks ffmpeg where the person says it is', async () => {
    const api = installFakeApi({
      ...otherCards,
      'settings:get': () => someSettings(),
      'app:info': () => anAppInfo(),
      'settings:checkFfmpeg': ({ path }) => ({
        found: false,
        ffmpegPath: null,
        ffprobePath: null,
        version: null,
        source: 'none',
        message: `No runnable program at ${path}.`,
      }),
    });
    renderScreen();

    await userEvent.type(await screen.findByLabelText('ffmpeg program'), '/opt/ff');
    await userEvent.click(button('Check ffmpeg'));

    const status = await screen.findByText('No runnable program at /opt/ff.');
    expect(status.getAttribute('role')).toBe('status');
    expect(api.callsTo('settings:checkFfmpeg')).toEqual([{ path: '/opt/ff' }]);
  });

  it('starts the form again from settings changed elsewhere', async () => {
    const api = installFakeApi({
      ...otherCards,
      'settings:get': () => someSettings(),
      'app:info': () => anAppInfo(),
    });
    renderScreen();

    const zone = await screen.findByLabelText('Time zone');
    expect((zone as HTMLSelectElement).value).toBe('UTC');
    api.emit('settings:changed', someSettings({ timeZone: 'Europe/Paris' }));
    await waitFor(() =>
      expect((screen.getByLabelText('Time zone') as HTMLSelectElement).value).toBe('Europe/Paris'),
    );
  });
});

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { defaultPacingConfig } from '../../../shared/domain/accounts';
import type { Config } from '../../../shared/domain/configs';
import { ToastList } from '../components/toast-list';
import { badInput, engineError } from '../testing/fake-api';
import { aConfig, aRun } from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { ConfigsScreen } from './configs-screen';

function renderScreen() {
  return render(
    <>
      <ConfigsScreen mediaPicker={() => null} />
      <ToastList />
    </>,
  );
}

async function rowOf(name: string): Promise<HTMLElement> {
  const cell = await screen.findByRole('rowheader', { name: new RegExp(name) });
  return cell.closest('tr') as HTMLElement;
}

function notifications(): string {
  return screen.getByRole('region', { name: 'Notifications' }).textContent ?? '';
}

function runNow(row: HTMLElement): HTMLButtonElement {
  return within(row).getByRole('button', { name: 'Run now' });
}

/** A promise the test settles itself, to look at the screen while the engine is answering. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('the Configs screen', () => {
  it('keeps Run now disabled while a run of the config is under way', async () => {
    const api = installFakeApi({
      'configs:list': () => [aConfig()],
      'configs:history': () => [aRun({ state: 'running' })],
    });
    renderScreen();

    const row = await rowOf('Morning beach');
    expect(runNow(row).disabled).toBe(true);
    expect(within(row).getByRole('progressbar', { name: 'Run of Morning beach' })).toBeTruthy();

    api.emit('configs:runUpdated', aRun({ state: 'succeeded', finishedAt: Date.now() }));
    await waitFor(() => expect(runNow(row).disabled).toBe(false));
  });

  it('starts a run with Run now and holds the button until the run ends', async () => {
    const api = installFakeApi({
      'configs:list': () => [aConfig()],
      'configs:history': () => [],
      'configs:executeNow': () => aRun({ id: 'run-2', state: 'pending' }),
    });
    renderScreen();

    const row = await rowOf('Morning beach');
    expect(within(row).getByText('Never run')).toBeTruthy();
    await userEvent.click(runNow(row));

    expect(api.callsTo('configs:executeNow')).toEqual([{ id: 'config-1' }]);
    await waitFor(() => expect(runNow(row).disabled).toBe(true));
    api.emit('configs:runUpdated', aRun({ id: 'run-2', state: 'failed', error: 'No media' }));
    await waitFor(() => expect(runNow(row).disabled).toBe(false));
  });

  it('moves the automation switch at once, and puts it back with the reason when refused', async () => {
    const answer = deferred<Config>();
    const api = installFakeApi({
      'configs:list': () => [aConfig({ active: true })],
      'configs:history': () => [],
      'configs:setActive': () => answer.promise,
    });
    renderScreen();

    const row = await rowOf('Morning beach');
    const automation = within(row).getByRole('checkbox', { name: 'Automation for Morning beach' });
    expect((automation as HTMLInputElement).checked).toBe(true);
    await userEvent.click(automation);

    // Moved, and held until the engine answers.
    expect((automation as HTMLInputElement).checked).toBe(false);
    expect((automation as HTMLInputElement).disabled).toBe(true);
    expect(within(row).getByText('Off')).toBeTruthy();
    expect(api.callsTo('configs:setActive')).toEqual([{ id: 'config-1', active: false }]);

    answer.reject(engineError('UNAVAILABLE', 'The scheduler is restarting. Try again.'));
    await waitFor(() => expect((automation as HTMLInputElement).checked).toBe(true));
    expect((automation as HTMLInputElement).disabled).toBe(false);
    expect(within(row).getByText('On')).toBeTruthy();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Automation could not be changed');
    expect(alert.textContent).toContain('The scheduler is restarting. Try again.');
  });

  it('keeps the engine’s answer when the switch is accepted', async () => {
    installFakeApi({
      'configs:list': () => [aConfig({ active: true })],
      'configs:history': () => [],
      'configs:setActive': ({ active }) => aConfig({ active, nextRunAt: null }),
    });
    renderScreen();

    const row = await rowOf('Morning beach');
    await userEvent.click(within(row).getByRole('checkbox', { name: /Automation/ }));
    await waitFor(() => expect(within(row).getByTestId('next-run').textContent).toBe('Paused'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the fields the engine refused beside them, and keeps the draft', async () => {
    const api = installFakeApi({
      'configs:list': () => [aConfig()],
      'configs:history': () => [],
      'configs:previewSchedule': () => ({ occurrences: [] }),
      'accounts:list': () => [],
      'accounts:credentials': () => [],
      'accounts:pacing': () => defaultPacingConfig,
      'configs:countSources': () => ({ count: 12 }),
      'configs:update': () => {
        throw badInput({
          'config.name': 'Another config already has this name.',
          'config.content.clipCount': 'Use at most 20 clips.',
        });
      },
    });
    renderScreen();

    await userEvent.click(
      within(await rowOf('Morning beach')).getByRole('button', { name: 'Edit' }),
    );
    const name = await screen.findByLabelText('Name');
    await userEvent.clear(name);
    await userEvent.type(name, 'Dusk');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    const nameError = () => document.getElementById('field-name-error')?.textContent ?? null;
    await waitFor(() => expect(nameError()).toBe('Another config already has this name.'));
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Clips per video').getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('field-content-clipCount-error')?.textContent).toBe(
      'Use at most 20 clips.',
    );
    expect((name as HTMLInputElement).value).toBe('Dusk');
    expect(api.callsTo('configs:update')[0]?.config.name).toBe('Dusk');
    expect(notifications()).toContain('The config was not saved');
    expect(screen.getByText('Fix the 2 highlighted fields to save.')).toBeTruthy();

    // Changing the field clears the engine's message for it.
    await userEvent.type(name, '!');
    expect(nameError()).toBeNull();
  });
});

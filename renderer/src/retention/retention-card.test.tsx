import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RetentionPolicy, RetentionStatus } from '../../../shared/domain/retention';
import { ToastList } from '../components/toast-list';
import { badInput, engineError } from '../testing/fake-api';
import { aRetentionStatus } from '../testing/fixtures';
import { installFakeApi } from '../testing/harness';
import { RetentionCard } from './retention-card';

function renderCard() {
  return render(
    <>
      <RetentionCard />
      <ToastList />
    </>,
  );
}

function button(name: string): HTMLButtonElement {
  return screen.getByRole('button', { name });
}

async function retype(label: string, value: string) {
  const input = screen.getByLabelText(label);
  await userEvent.clear(input);
  await userEvent.type(input, value);
}

/** An engine that keeps the policy it is given and refuses one that does not hold together. */
function engineWith(status: RetentionStatus) {
  let current = status;
  return {
    'retention:status': () => current,
    'retention:update': (patch: Partial<RetentionPolicy>) => {
      const policy = { ...current.policy, ...patch };
      if (policy.metricsDailyAfterDays > policy.metricsKeepDays) {
        throw badInput({
          metricsDailyAfterDays:
            'Thin metrics to one a day before they are deleted: use at most the days kept.',
        });
      }
      current = { ...current, policy };
      return current;
    },
  };
}

describe('the Data kept card', () => {
  it('shows the room the data takes and saves the policy, a refusal beside its field', async () => {
    const api = installFakeApi(engineWith(aRetentionStatus()));
    renderCard();

    const storage = within(await screen.findByLabelText('Storage'));
    expect(storage.getByText('48 MB')).toBeTruthy();
    expect(storage.getByText('120 GB')).toBeTruthy();
    expect(screen.getByText('/data/reelpilot')).toBeTruthy();
    expect(
      screen.getByText(/No clean-up yet: the first runs a few minutes after ReelPilot starts/),
    ).toBeTruthy();
    expect((screen.getByLabelText('Keep metrics history (days)') as HTMLInputElement).value).toBe(
      '730',
    );
    expect((screen.getByLabelText('Delete them after (days)') as HTMLInputElement).disabled).toBe(
      true,
    );
    expect(button('Save what is kept').disabled).toBe(true);

    await retype('Keep metrics history (days)', '60');
    await userEvent.click(button('Save what is kept'));
    // Beside its field (the form's own line says it too).
    await screen.findByText(
      'Thin metrics to one a day before they are deleted: use at most the days kept.',
      { selector: 'small' },
    );
    expect(
      screen.getByLabelText('Keep every metrics reading for (days)').getAttribute('aria-invalid'),
    ).toBe('true');
    // What was typed stays.
    expect((screen.getByLabelText('Keep metrics history (days)') as HTMLInputElement).value).toBe(
      '60',
    );

    await retype('Keep every metrics reading for (days)', '30');
    await retype('Keep run history (days)', '180');
    await userEvent.click(button('Save what is kept'));
    await screen.findByText('What is kept saved');
    expect(api.callsTo('retention:update').at(-1)).toEqual({
      metricsKeepDays: 60,
      metricsDailyAfterDays: 30,
      runHistoryKeepDays: 180,
      renderedFilesDeleteAfterDays: null,
    });
    await waitFor(() => expect(button('Save what is kept').disabled).toBe(true));
  });

  it('asks before deleting rendered videos, and only then saves', async () => {
    const api = installFakeApi(engineWith(aRetentionStatus()));
    renderCard();

    await userEvent.click(
      await screen.findByLabelText('Delete rendered videos once every post of them succeeded'),
    );
    await retype('Delete them after (days)', '14');
    await userEvent.click(button('Save what is kept'));
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete rendered videos after 14 days?',
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.callsTo('retention:update')).toEqual([]);

    await userEvent.click(button('Save what is kept'));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete after that' }),
    );
    await screen.findByText('What is kept saved');
    expect(api.callsTo('retention:update')).toEqual([
      expect.objectContaining({ renderedFilesDeleteAfterDays: 14 }),
    ]);

    // Turning it off again needs no question.
    await userEvent.click(
      screen.getByLabelText('Delete rendered videos once every post of them succeeded'),
    );
    await userEvent.click(button('Save what is kept'));
    await waitFor(() =>
      expect(api.callsTo('retention:update').at(-1)).toMatchObject({
        renderedFilesDeleteAfterDays: null,
      }),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('cleans up on request and says what the clean-up removed', async () => {
    const api = installFakeApi({
      'retention:status': () =>
        aRetentionStatus({ storage: { ...aRetentionStatus().storage, freeBytes: null } }),
      'retention:runNow': () => aRetentionStatus({ pending: true }),
    });
    renderCard();

    expect(await screen.findByText('unknown')).toBeTruthy();
    await userEvent.click(button('Clean up now'));
    await screen.findByText(/Cleaning up…/);
    expect(button('Clean up now').disabled).toBe(true);
    expect(api.callsTo('retention:runNow')).toEqual([{}]);

    api.emit(
      'retention:status',
      aRetentionStatus({
        lastRun: {
          at: Date.UTC(2026, 0, 15, 9, 0),
          durationMs: 2_400,
          metricsThinned: 120_000,
          metricsDeleted: 3_000,
          runsDeleted: 1,
          accountRecordsDeleted: 40,
          filesDeleted: 3,
          bytesFreed: 3 * 1024 ** 3,
        },
      }),
    );
    expect((await screen.findByRole('status', { name: 'Clean-up' })).textContent).toMatch(
      /: removed 123k metrics readings, 1 run, 40 post or error records, 3 rendered videos \(3\.0 GB\)\.$/,
    );
    expect(button('Clean up now').disabled).toBe(false);
  });

  it('keeps a finished clean-up on screen when its push overtakes the answer to "Clean up now"', async () => {
    const done = aRetentionStatus({
      lastRun: {
        at: Date.UTC(2026, 0, 15, 9, 0),
        durationMs: 40,
        metricsThinned: 0,
        metricsDeleted: 0,
        runsDeleted: 0,
        accountRecordsDeleted: 0,
        filesDeleted: 0,
        bytesFreed: 0,
      },
    });
    const api = installFakeApi({
      'retention:status': () => aRetentionStatus(),
      // The answer was read while the job ran; the job settled and pushed before it arrived.
      'retention:runNow': () => {
        api.emit('retention:status', done);
        return aRetentionStatus({ pending: true });
      },
    });
    renderCard();

    await userEvent.click(await screen.findByRole('button', { name: 'Clean up now' }));
    await waitFor(() => expect(api.callsTo('retention:runNow')).toEqual([{}]));
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Clean-up' }).textContent).toMatch(
        /^Last clean-up /,
      ),
    );
    expect(screen.queryByText(/Cleaning up…/)).toBeNull();
  });

  it('says why it could not load and tries again', async () => {
    let fail = true;
    installFakeApi({
      'retention:status': () => {
        if (fail) throw engineError('UNAVAILABLE', 'The database is busy.');
        return aRetentionStatus();
      },
    });
    renderCard();

    await screen.findByText('What is kept could not be loaded: The database is busy.');
    fail = false;
    await userEvent.click(button('Try again'));
    expect(await screen.findByText('48 MB')).toBeTruthy();
  });
});

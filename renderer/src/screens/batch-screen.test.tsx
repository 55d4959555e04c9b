import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aBatch, aBatchItem, aCsvPreview, aCsvRow } from '../testing/batch-fixtures';
import { engineError } from '../testing/fake-api';
import { anAccount } from '../testing/fixtures';
import { defaultPacingConfig } from '../../../shared/domain/accounts';
import { installFakeApi, toastsShown } from '../testing/harness';
import { SlotsTimeline } from '../batch/slots-timeline';
import { BatchScreen } from './batch-screen';

const failedItem = aBatchItem({
  id: 'item-2',
  rowNumber: 3,
  state: 'failed',
  message: 'Instagram refused the video: it could not be processed.',
  postUrl: null,
  platform: 'instagram',
  accountHandle: 'grams',
});

describe('the Batch screen', () => {
  it('says when there is no batch yet and offers both ways to make one', async () => {
    installFakeApi({ 'batch:list': () => [] });
    render(<BatchScreen />);
    await screen.findByRole('heading', { name: 'No batches yet' });
    expect(screen.getByRole('button', { name: 'Import CSV…' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Distribute videos…' })).toBeTruthy();
  });

  it('shows a load failure in the engine’s words and tries again', async () => {
    let fail = true;
    installFakeApi({
      'batch:list': () => {
        if (fail) throw engineError('INTERNAL', 'The database is busy.');
        return [aBatch()];
      },
    });
    render(<BatchScreen />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Batches could not be loaded: The database is busy\./);
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByRole('button', { name: 'January posts' });
  });

  it('lists batches with kind, progress, counts and ETA, live from push events', async () => {
    const api = installFakeApi({ 'batch:list': () => [aBatch()] });
    render(<BatchScreen />);
    const row = await screen.findByTestId('batch-row');
    expect(row.textContent).toContain('CSV import');
    expect(within(row).getByTestId('batch-progress-line').textContent).toBe(
      '2 of 4 items finished · 1 posted · 1 failed · about 25 min left',
    );
    expect(within(row).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('2');
    act(() =>
      api.emit('batch:changed', {
        id: 'batch-1',
        batch: aBatch({
          state: 'done',
          finishedAt: Date.UTC(2026, 0, 15, 10, 0),
          etaMs: null,
          counts: {
            total: 4,
            pending: 0,
            running: 0,
            succeeded: 3,
            failed: 1,
            skipped: 0,
            cancelled: 0,
          },
        }),
      }),
    );
    expect(within(row).getByText('Done, 1 failed')).toBeTruthy();
    act(() => api.emit('batch:changed', { id: 'batch-1', batch: null }));
    await screen.findByRole('heading', { name: 'No batches yet' });
  });

  it('opens a batch: items filtered by state, retry, pause and resume, cancel says posts stay', async () => {
    let batch = aBatch();
    const api = installFakeApi({
      'batch:list': () => [batch],
      'batch:get': () => ({ batch, items: [aBatchItem(), failedItem] }),
      'batch:retry': () => batch,
      'batch:pause': () => (batch = aBatch({ state: 'paused' })),
      'batch:resume': () => (batch = aBatch({ state: 'running' })),
      'batch:cancel': () => {
        batch = aBatch({ state: 'cancelled' });
        return { batch, cancelled: 2, alreadyPosted: 1 };
      },
    });
    render(<BatchScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'January posts' }));
    const items = await screen.findAllByTestId('batch-item');
    expect(items).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: 'Failed 1' }));
    expect(screen.getAllByTestId('batch-item')).toHaveLength(1);
    expect(screen.getByTestId('batch-item').textContent).toContain('could not be processed');
    await userEvent.click(
      within(screen.getByTestId('batch-item')).getByRole('button', { name: 'Retry' }),
    );
    expect(api.callsTo('batch:retry')).toEqual([{ id: 'batch-1', itemIds: ['item-2'] }]);
    await userEvent.click(screen.getByRole('button', { name: 'Retry 1 failed item' }));
    expect(api.callsTo('batch:retry').at(-1)).toEqual({ id: 'batch-1' });

    // A pushed item update lands in the list.
    act(() =>
      api.emit('batch:itemUpdated', { ...failedItem, state: 'running', message: 'Posting…' }),
    );
    expect(screen.getByText('No item is failed.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'All 2' }));

    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await screen.findByText('Paused: items already started finish; no new item starts.');
    await userEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel batch…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel January posts?' });
    expect(dialog.textContent).toContain(
      '1 post already out stays posted: cancelling never takes a post down.',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel the batch' }));
    await waitFor(() =>
      expect(toastsShown()).toContain(
        'Batch cancelled: 2 items will not post. 1 post is already out and stays posted: cancelling never takes a post down.',
      ),
    );
    await screen.findByText(/went out before the batch was cancelled and stay posted/);
  });

  it('imports a CSV: the row preview with errors by row, then only the valid rows', async () => {
    const preview = aCsvPreview({
      rows: [
        aCsvRow(),
        aCsvRow({
          rowNumber: 3,
          ok: false,
          errors: [
            'No X account "@nobody" is connected. Connect it in Accounts or fix the handle.',
          ],
        }),
        aCsvRow({
          rowNumber: 4,
          warnings: ['@sunrise gets the same caption within 3 days (row 2).'],
        }),
      ],
      validRows: 2,
      invalidRows: 1,
    });
    const api = installFakeApi({
      'batch:list': () => [],
      'batch:previewCsv': () => preview,
      'batch:importCsv': () => ({ preview, batch: aBatch({ name: 'posts' }), created: 2 }),
      'batch:get': () => ({ batch: aBatch({ name: 'posts' }), items: [aBatchItem()] }),
    });
    render(<BatchScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'Import CSV…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import posts from a CSV file' });
    const file = new File(['account,media\n@sunrise,beach.mp4\n'], 'posts.csv', {
      type: 'text/csv',
    });
    await userEvent.upload(within(dialog).getByLabelText('CSV file'), file);
    await within(dialog).findByTestId('csv-summary');
    expect(api.callsTo('batch:previewCsv')).toEqual([
      { fileName: 'posts.csv', text: 'account,media\n@sunrise,beach.mp4\n' },
    ]);
    expect(within(dialog).getByTestId('csv-summary').textContent).toBe(
      '3 rows read from posts.csv: 2 rows ready to import, 1 row with errors (left out).',
    );
    const rows = within(dialog).getAllByTestId('csv-row');
    expect(rows[1]!.textContent).toContain('No X account "@nobody" is connected');
    expect(rows[2]!.textContent).toContain('same caption within 3 days');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import 2 rows' }));
    expect(api.callsTo('batch:importCsv')[0]).toMatchObject({
      fileName: 'posts.csv',
      name: 'posts',
      concurrency: 2,
      startAt: null,
    });
    await screen.findByRole('heading', { name: 'posts' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says what is wrong with the whole file', async () => {
    installFakeApi({
      'batch:list': () => [],
      'batch:previewCsv': () =>
        aCsvPreview({
          rows: [],
          validRows: 0,
          fileError: 'The header has no account or media column.',
        }),
    });
    render(<BatchScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'Import CSV…' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.upload(within(dialog).getByLabelText('CSV file'), new File(['x'], 'bad.csv'));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The header has no account or media column.',
    );
    expect(within(dialog).getByRole('button', { name: 'Nothing to import' })).toHaveProperty(
      'disabled',
      true,
    );
  });

  it('asks for videos and accounts before planning a distribute batch', async () => {
    const accounts = [anAccount()];
    const api = installFakeApi({
      'batch:list': () => [],
      'accounts:list': () => accounts,
      'accounts:credentials': () => [],
      'accounts:pacing': () => defaultPacingConfig,
      'batch:planDistribute': (input) => ({
        timeZone: 'Europe/Paris',
        slots: input.mediaIds.map((mediaId, i) => ({
          mediaId,
          accountId: 'account-1',
          at: input.from + i * 3_600_000,
          reason: null,
          alreadyPosted: false,
        })),
        warnings: [],
      }),
    });
    render(<BatchScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'Distribute videos…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Distribute videos' });
    expect(
      within(dialog).getByText('Choose videos and accounts to see where each post goes.'),
    ).toBeTruthy();
    expect(api.callsTo('batch:planDistribute')).toEqual([]);
    expect(within(dialog).getByRole('button', { name: 'Create batch' })).toHaveProperty(
      'disabled',
      true,
    );
  });
});

describe('the slots preview', () => {
  it('puts each planned post on its account’s lane and says what is left out or late', () => {
    const from = Date.UTC(2026, 0, 15, 8, 0);
    const to = from + 86_400_000;
    render(
      <SlotsTimeline
        plan={{
          timeZone: 'Europe/Paris',
          slots: [
            { mediaId: 'm1', accountId: 'account-1', at: from, reason: null, alreadyPosted: false },
            {
              mediaId: 'm2',
              accountId: 'account-1',
              at: from + 43_200_000,
              reason: null,
              alreadyPosted: false,
            },
            {
              mediaId: 'm1',
              accountId: 'account-2',
              at: null,
              reason: 'Already posted or planned on this account.',
              alreadyPosted: true,
            },
          ],
          warnings: [
            '1 post cannot fit in the window under the pacing rules and go after its end.',
          ],
        }}
        accounts={[anAccount(), anAccount({ id: 'account-2', handle: 'dusk', platform: 'tiktok' })]}
        from={from}
        to={to}
      />,
    );
    const preview = screen.getByTestId('slots-preview');
    expect(preview.textContent).toContain(
      '2 posts planned in Europe/Paris; 1 post left out: already posted or planned on that account.',
    );
    const lanes = within(screen.getByRole('list', { name: 'Planned posts' })).getAllByRole(
      'listitem',
    );
    expect(lanes).toHaveLength(2);
    expect(lanes[0]!.textContent).toContain('(2)');
    expect(preview.textContent).toContain('cannot fit in the window');
    const first = within(screen.getByRole('list', { name: 'First planned posts' })).getAllByRole(
      'listitem',
    );
    expect(first).toHaveLength(2);
    expect(first[0]!.textContent).toContain('@sunny');
  });
});

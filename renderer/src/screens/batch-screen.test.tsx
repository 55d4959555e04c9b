import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aBatch, aBatchItem } from '../testing/batch-fixtures';
import { engineError } from '../testing/fake-api';
import { installFakeApi, toastsShown } from '../testing/harness';
import { BatchScreen } from './batch-screen';

// Listing, opening and running batches; making one (CSV, distribute, generate) is in
// batch-creation.test.tsx.

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
});

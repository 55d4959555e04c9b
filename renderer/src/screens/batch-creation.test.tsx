import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aBatch, aBatchItem, aCsvPreview, aCsvRow } from '../testing/batch-fixtures';
import { engineError } from '../testing/fake-api';
import { aConfig, anAccount } from '../testing/fixtures';
import { defaultPacingConfig } from '../../../shared/domain/accounts';
import { installFakeApi, toastsShown } from '../testing/harness';
import { SlotsTimeline } from '../batch/slots-timeline';
import { BatchScreen } from './batch-screen';

// The Batch screen's ways to make a batch (CSV import, distribute, generate) and the slots
// preview; listing and running batches are in batch-screen.test.tsx.

describe('making a batch on the Batch screen', () => {
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
    // The columns it reads, a row's video named by its media or by a config to render it from.
    expect(within(dialog).getByText(/media or config \(a config renders the video\)/)).toBeTruthy();
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

  it('a file already imported makes no batch: the dialog stays and says so', async () => {
    const fresh = aCsvPreview({ validRows: 1 });
    const seen = aCsvPreview({
      rows: [aCsvRow({ duplicate: true })],
      validRows: 0,
      duplicateRows: 1,
    });
    const api = installFakeApi({
      'batch:list': () => [],
      'batch:previewCsv': () => fresh,
      // Imported from another window meanwhile: the engine answers with what it found.
      'batch:importCsv': () => ({ preview: seen, batch: null, created: 0 }),
    });
    render(<BatchScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'Import CSV…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import posts from a CSV file' });
    await userEvent.upload(
      within(dialog).getByLabelText('CSV file'),
      new File(['account,media\n@sunrise,beach.mp4\n'], 'posts.csv'),
    );
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Import 1 row' }));
    expect(await within(dialog).findByRole('button', { name: 'Nothing to import' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(api.callsTo('batch:importCsv')).toHaveLength(1);
    expect(within(dialog).getByTestId('csv-summary').textContent).toBe(
      '1 row read from posts.csv: 0 rows ready to import, 1 row imported before (nothing new).',
    );
    expect(screen.getByRole('dialog', { name: 'Import posts from a CSV file' })).toBeTruthy();
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

describe('generating a batch', () => {
  it('generates one video per topic: preview of the first lines, {topic} filled, handed to posting', async () => {
    const created = aBatch({ id: 'batch-9', name: 'Tips', kind: 'generate' });
    const api = installFakeApi({
      'batch:list': () => [],
      'configs:list': () => [
        aConfig({
          name: 'Daily tips',
          distribution: {
            mode: 'spread',
            strategy: 'roundRobin',
            accountIds: ['account-1', 'account-2'],
            weights: {},
            videosPerRun: 1,
          },
        }),
        aConfig({ id: 'config-2', name: 'No accounts' }),
      ],
      'configs:history': () => [],
      'batch:createGenerate': () => created,
      'batch:get': () => ({
        batch: created,
        items: [
          aBatchItem({
            accountId: null,
            accountHandle: null,
            platform: null,
            topic: 'Tide pools',
            mediaName: 'Tide pools',
            runId: 'run-1',
            state: 'running',
            message: 'Rendering… 40%',
            targetId: null,
            postUrl: null,
          }),
        ],
      }),
    });
    render(<BatchScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'Generate videos…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Generate videos' });
    const create = within(dialog).getByRole('button', { name: 'Create batch of 0 videos' });
    expect(create.hasAttribute('disabled')).toBe(true);

    await userEvent.selectOptions(within(dialog).getByLabelText('Config'), 'No accounts');
    expect(within(dialog).getByText(/No accounts posts to no account/)).toBeTruthy();
    await userEvent.selectOptions(within(dialog).getByLabelText('Config'), 'Daily tips');
    expect(within(dialog).getByText(/\(2 accounts\)/)).toBeTruthy();

    const lines = [
      'topic',
      'Tide pools',
      '',
      'Night swim',
      '"Sunrise, run"',
      'Four',
      'Five',
      'Six',
    ];
    await userEvent.click(within(dialog).getByLabelText('Topics, one per line'));
    await userEvent.paste(lines.join('\n'));
    expect(within(dialog).getByTestId('topic-count').textContent).toBe(
      '6 videos, one per line. Each line fills {topic}.',
    );
    const preview = within(dialog).getByRole('list', { name: 'First topics' });
    expect(
      within(preview)
        .getAllByRole('listitem')
        .map((li) => li.firstChild?.textContent),
    ).toEqual(['Tide pools', 'Night swim', 'Sunrise, run', 'Four', 'Five']);
    expect(within(dialog).getByText('and 1 more line.')).toBeTruthy();
    const caption = within(dialog).getByLabelText('Caption');
    await userEvent.clear(caption);
    await userEvent.type(caption, 'Today: {{topic}');
    expect(within(preview).getAllByText('Today: Tide pools')).toHaveLength(1);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Create batch of 6 videos' }));
    expect(api.callsTo('batch:createGenerate')).toEqual([
      {
        name: '6 videos from Daily tips',
        configId: 'config-1',
        mode: 'topics',
        count: 5,
        topics: ['Tide pools', 'Night swim', 'Sunrise, run', 'Four', 'Five', 'Six'],
        templates: { caption: 'Today: {topic}', title: '{topic}', overlay: '{topic}' },
        distribute: true,
        startAt: null,
        concurrency: 1,
      },
    ]);
    // The new batch opens; its item follows its run.
    const item = await screen.findByTestId('batch-item');
    expect(item.textContent).toContain('The config’s accounts');
    expect(item.textContent).toContain('Rendering… 40%');
  });

  it('generates a number of variants without posting: {topic} leaves the text fields', async () => {
    const api = installFakeApi({
      'batch:list': () => [],
      'configs:list': () => [aConfig({ name: 'Daily tips' })],
      'configs:history': () => [],
      'batch:createGenerate': () => {
        throw engineError('BAD_INPUT', 'Nothing was created. The caption is too long.');
      },
    });
    render(<BatchScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'Generate videos…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Generate videos' });
    await userEvent.selectOptions(within(dialog).getByLabelText('Config'), 'Daily tips');
    await userEvent.click(within(dialog).getByLabelText('A number of variants'));
    expect((within(dialog).getByLabelText('Caption') as HTMLInputElement).value).toBe('');
    await userEvent.click(within(dialog).getByLabelText(/Post each video/));
    const howMany = within(dialog).getByLabelText(/How many videos/);
    fireEvent.change(howMany, { target: { value: '3' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create batch of 3 videos' }));
    expect(api.callsTo('batch:createGenerate')[0]).toMatchObject({
      mode: 'count',
      count: 3,
      distribute: false,
      templates: { caption: '', title: '', overlay: '' },
    });
    await waitFor(() =>
      expect(toastsShown().join(' ')).toContain('Nothing was created. The caption is too long.'),
    );
    expect(screen.getByRole('dialog', { name: 'Generate videos' })).toBeTruthy();
  });
});

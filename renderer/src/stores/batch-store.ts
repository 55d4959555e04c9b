import { create } from 'zustand';
import type {
  BatchDetail,
  BatchItemState,
  BatchSummary,
  CsvFile,
  CsvImportInput,
  CsvImportResult,
  CsvPreview,
  DistributeCreateInput,
  GenerateCreateInput,
  DistributePlan,
  DistributePlanInput,
} from '../../../shared/domain/batch';
import { api, call } from '../api/api-client';
import * as domain from './domain-store';
import { notify } from './notices-store';

interface BatchActions extends domain.DomainActions {
  upsert(batch: BatchSummary): void;
  /** Shows one batch with its items (null: back to the list). */
  open(id: string | null): Promise<void>;
  setItemFilter(state: BatchItemState | ''): void;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  /** Cancels; says how many items stopped and that posts already out stay. */
  cancel(id: string): Promise<void>;
  retry(id: string, itemIds?: string[]): Promise<void>;
  remove(id: string): Promise<boolean>;
  /** Saves the results as a file through the browser's download. */
  exportResults(id: string, format: 'csv' | 'json'): Promise<void>;
  /** Checks a CSV file (throws the engine's error for the dialog to show). */
  previewCsv(file: CsvFile): Promise<CsvPreview>;
  importCsv(input: CsvImportInput): Promise<domain.Outcome<CsvImportResult>>;
  /** Where each post would go (throws the engine's error for the dialog to show). */
  planDistribute(input: DistributePlanInput): Promise<DistributePlan>;
  createDistribute(input: DistributeCreateInput): Promise<domain.Outcome<BatchSummary>>;
  createGenerate(input: GenerateCreateInput): Promise<domain.Outcome<BatchSummary>>;
}

interface BatchState extends domain.DomainState<BatchActions> {
  /** Every batch, newest first (null until loaded). */
  items: BatchSummary[] | null;
  openId: string | null;
  detail: BatchDetail | null;
  detailStatus: domain.LoadStatus;
  detailError: string | null;
  itemFilter: BatchItemState | '';
  /** Batches with an action under way (buttons wait). */
  busy: ReadonlySet<string>;
}

function download(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const useBatches = create<BatchState>((set, get) => {
  let detailTicket = 0;
  async function withBusy<T>(
    id: string,
    title: string,
    request: () => Promise<T>,
  ): Promise<domain.Outcome<T>> {
    set({ busy: new Set([...get().busy, id]) });
    const outcome = await domain.attempt(title, request);
    const busy = new Set(get().busy);
    busy.delete(id);
    set({ busy });
    return outcome;
  }
  async function loadDetail(id: string) {
    const ticket = ++detailTicket;
    set({ detailStatus: 'loading' });
    try {
      const detail = await call('batch:get', { id });
      if (ticket === detailTicket && get().openId === id)
        set({ detail, detailStatus: 'ready', detailError: null });
    } catch (error) {
      if (ticket === detailTicket)
        set({ detailStatus: 'error', detailError: domain.messageOf(error) });
    }
  }
  return {
    items: null,
    openId: null,
    detail: null,
    detailStatus: 'idle',
    detailError: null,
    itemFilter: '',
    busy: new Set(),
    ...domain.notLoaded,
    actions: {
      load: domain.loader<BatchState>(set, async () => {
        const items = await call('batch:list', {});
        const openId = get().openId;
        if (openId) void loadDetail(openId);
        return { items };
      }),
      subscribe: domain.sharedSubscription(() => {
        const stops = [
          api().on('batch:changed', ({ id, batch }) => {
            if (batch) get().actions.upsert(batch);
            else {
              set({ items: domain.withoutId(get().items ?? [], id) });
              if (get().openId === id) set({ openId: null, detail: null });
            }
          }),
          api().on('batch:itemUpdated', (item) => {
            const detail = get().detail;
            if (!detail || detail.batch.id !== item.batchId) return;
            set({ detail: { ...detail, items: domain.upsertById(detail.items, item) } });
          }),
        ];
        return () => {
          for (const stop of stops) stop();
        };
      }),
      upsert(batch) {
        const items = get().items ?? [];
        const known = items.some((b) => b.id === batch.id);
        set({
          items: known ? domain.upsertById(items, batch) : [batch, ...items],
        });
        const detail = get().detail;
        if (detail?.batch.id === batch.id) set({ detail: { ...detail, batch } });
      },
      async open(id) {
        set({ openId: id, detail: null, itemFilter: '', detailError: null });
        if (id) await loadDetail(id);
      },
      setItemFilter(state) {
        set({ itemFilter: state });
      },
      async pause(id) {
        const outcome = await withBusy(id, 'The batch was not paused', () =>
          call('batch:pause', { id }),
        );
        if (outcome.ok) get().actions.upsert(outcome.value);
      },
      async resume(id) {
        const outcome = await withBusy(id, 'The batch was not resumed', () =>
          call('batch:resume', { id }),
        );
        if (outcome.ok) get().actions.upsert(outcome.value);
      },
      async cancel(id) {
        const outcome = await withBusy(id, 'The batch was not cancelled', () =>
          call('batch:cancel', { id }),
        );
        if (!outcome.ok) return;
        const result = outcome.value;
        get().actions.upsert(result.batch);
        notify(
          'Batch cancelled',
          `${result.cancelled} item${result.cancelled === 1 ? '' : 's'} will not post. ${
            result.alreadyPosted === 0
              ? 'Nothing had been posted yet.'
              : `${result.alreadyPosted} post${result.alreadyPosted === 1 ? ' is' : 's are'} already out and stay${result.alreadyPosted === 1 ? 's' : ''} posted: cancelling never takes a post down.`
          }`,
        );
        if (get().openId === id) await loadDetail(id);
      },
      async retry(id, itemIds) {
        const outcome = await withBusy(id, 'The failed items were not retried', () =>
          call('batch:retry', itemIds ? { id, itemIds } : { id }),
        );
        if (outcome.ok) get().actions.upsert(outcome.value);
      },
      async remove(id) {
        const outcome = await withBusy(id, 'The batch was not deleted', () =>
          call('batch:delete', { id }),
        );
        if (!outcome.ok) return false;
        set({ items: domain.withoutId(get().items ?? [], id) });
        if (get().openId === id) set({ openId: null, detail: null });
        return true;
      },
      async exportResults(id, format) {
        const outcome = await domain.attempt('The results were not exported', () =>
          call('batch:export', { id, format }),
        );
        if (outcome.ok)
          download(outcome.value.fileName, outcome.value.mimeType, outcome.value.content);
      },
      previewCsv: (file) => call('batch:previewCsv', file),
      async importCsv(input) {
        const outcome = await domain.attempt('The CSV was not imported', () =>
          call('batch:importCsv', input),
        );
        if (outcome.ok && outcome.value.batch) get().actions.upsert(outcome.value.batch);
        return outcome;
      },
      planDistribute: (input) => call('batch:planDistribute', input),
      async createDistribute(input) {
        const outcome = await domain.attempt('The batch was not created', () =>
          call('batch:createDistribute', input),
        );
        if (outcome.ok) get().actions.upsert(outcome.value);
        return outcome;
      },
      async createGenerate(input) {
        const outcome = await domain.attempt('The batch was not created', () =>
          call('batch:createGenerate', input),
        );
        if (outcome.ok) get().actions.upsert(outcome.value);
        return outcome;
      },
    },
  };
});

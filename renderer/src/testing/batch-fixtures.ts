import type {
  BatchItem,
  BatchSummary,
  CsvPreview,
  CsvRowPreview,
} from '../../../shared/domain/batch';

const at = Date.UTC(2026, 0, 15, 9, 0);

export function aBatch(overrides: Partial<BatchSummary> = {}): BatchSummary {
  return {
    id: 'batch-1',
    name: 'January posts',
    kind: 'csv',
    state: 'running',
    concurrency: 2,
    startAt: at,
    createdAt: at,
    updatedAt: at,
    finishedAt: null,
    counts: { total: 4, pending: 1, running: 1, succeeded: 1, failed: 1, skipped: 0, cancelled: 0 },
    etaMs: 25 * 60_000,
    lastPlannedAt: null,
    ...overrides,
  };
}

export function aBatchItem(overrides: Partial<BatchItem> = {}): BatchItem {
  return {
    id: 'item-1',
    batchId: 'batch-1',
    position: 0,
    rowNumber: 2,
    externalId: null,
    accountId: 'account-1',
    accountHandle: 'sunrise',
    platform: 'youtube',
    mediaId: 'media-1',
    mediaName: 'beach.mp4',
    post: { title: 'Beach', caption: 'At the beach', hashtags: [], privacy: 'public' },
    plannedAt: at,
    state: 'succeeded',
    message: 'Posted.',
    targetId: 'target-1',
    topic: null,
    runId: null,
    postUrl: 'https://youtube.com/shorts/abc',
    publishedAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function aCsvRow(overrides: Partial<CsvRowPreview> = {}): CsvRowPreview {
  return {
    rowNumber: 2,
    ok: true,
    errors: [],
    warnings: [],
    duplicate: false,
    accounts: ['sunrise'],
    platform: 'youtube',
    media: 'beach.mp4',
    caption: 'At the beach',
    scheduledAt: null,
    ...overrides,
  };
}

export function aCsvPreview(overrides: Partial<CsvPreview> = {}): CsvPreview {
  return {
    fileName: 'posts.csv',
    delimiter: ',',
    columns: ['account', 'media', 'caption'],
    rows: [aCsvRow()],
    fileError: null,
    validRows: 1,
    invalidRows: 0,
    duplicateRows: 0,
    ...overrides,
  };
}

import { stringify } from 'csv-stringify/sync';
import type { BatchExport, BatchItem, BatchSummary } from '../../../shared/domain/batch';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first)
 * gets a leading apostrophe, which spreadsheets show as text (OWASP's CSV injection advice).
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const iso = (at: number | null) => (at === null ? '' : new Date(at).toISOString());

function fileBase(batch: BatchSummary): string {
  const name = batch.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'batch';
  return `${name}-results`;
}

/** The batch's results as CSV (one line per item) or JSON (the batch and its items). */
export function exportResults(
  batch: BatchSummary,
  items: readonly BatchItem[],
  format: 'csv' | 'json',
): BatchExport {
  if (format === 'json') {
    return {
      fileName: `${fileBase(batch)}.json`,
      mimeType: 'application/json',
      content: JSON.stringify({ batch, items }, null, 2),
    };
  }
  const rows = items.map((item) =>
    [
      item.rowNumber === null ? '' : String(item.rowNumber),
      item.externalId ?? '',
      item.accountHandle ?? item.accountId ?? '',
      item.platform ?? '',
      item.mediaName,
      iso(item.plannedAt),
      item.state,
      item.message ?? '',
      item.postUrl ?? '',
      iso(item.publishedAt),
      item.post.title,
      item.post.caption,
      item.post.hashtags.map((t) => `#${t}`).join(' '),
    ].map(neutralizeFormula),
  );
  const content = stringify(rows, {
    header: true,
    bom: true,
    columns: [
      'row',
      'external_id',
      'account',
      'platform',
      'media',
      'planned_at',
      'state',
      'message',
      'post_url',
      'published_at',
      'title',
      'caption',
      'hashtags',
    ],
  });
  return { fileName: `${fileBase(batch)}.csv`, mimeType: 'text/csv', content };
}

import { parse } from 'csv-parse/sync';

/** The columns a CSV of posts may have (header names, case-insensitive). */
export const csvColumns = [
  'scheduled_at',
  'account',
  'platform',
  'media',
  'config',
  'caption',
  'title',
  'hashtags',
  'privacy',
  'external_id',
] as const;
export type CsvColumn = (typeof csvColumns)[number];

export interface CsvTable {
  delimiter: string;
  /** The known columns found in the header, in file order. */
  columns: CsvColumn[];
  /** Each record after the header with its row number as a spreadsheet shows it (header = 1). */
  rows: Array<{ rowNumber: number; cells: Partial<Record<CsvColumn, string>> }>;
  fileError: string | null;
}

/** Counts a character in the header line outside quotes. */
function countOutsideQuotes(line: string, char: string): number {
  let inQuotes = false;
  let count = 0;
  for (const c of line) {
    if (c === '"') inQuotes = !inQuotes;
    else if (c === char && !inQuotes) count += 1;
  }
  return count;
}

/**
 * Reads the file with csv-parse: Excel's UTF-8 BOM is dropped, and the separator is `;` when
 * the header has more of them than commas (Excel in much of Europe), else `,`.
 */
export function readCsvTable(text: string): CsvTable {
  const body = text.replace(/^\uFEFF/, '');
  const header = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = countOutsideQuotes(header, ';') > countOutsideQuotes(header, ',') ? ';' : ',';
  const empty: CsvTable = { delimiter, columns: [], rows: [], fileError: null };
  if (header.trim() === '') {
    return { ...empty, fileError: 'The file is empty. Its first line must name the columns.' };
  }
  let records: string[][];
  try {
    records = parse(body, {
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...empty,
      fileError: `The file is not valid CSV (${message}). Save it again as CSV from your spreadsheet.`,
    };
  }
  const names = (records[0] ?? []).map((name) => name.trim().toLowerCase());
  const known = new Set<string>(csvColumns);
  const indexes = new Map<CsvColumn, number>();
  names.forEach((name, index) => {
    if (known.has(name) && !indexes.has(name as CsvColumn)) indexes.set(name as CsvColumn, index);
  });
  const columns = [...indexes.keys()];
  const missing = [
    ...(indexes.has('account') ? [] : ['account']),
    // A row names its media, or a config to render it from.
    ...(indexes.has('media') || indexes.has('config') ? [] : ['media']),
  ];
  if (missing.length > 0) {
    return {
      ...empty,
      columns,
      fileError: `The header has no ${missing.join(' or ')} column. The first line must name the columns: ${csvColumns.join(', ')}.`,
    };
  }
  const rows = records.slice(1).map((record, i) => {
    const cells: Partial<Record<CsvColumn, string>> = {};
    for (const [column, index] of indexes) cells[column] = (record[index] ?? '').trim();
    return { rowNumber: i + 2, cells };
  });
  return { delimiter, columns, rows, fileError: null };
}

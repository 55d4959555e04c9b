import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';

interface MasterRow {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  tbl_name: string;
  sql: string | null;
}

interface ColumnRow {
  cid: number;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
}

interface IndexRow {
  name: string;
  unique: number;
  origin: string;
  partial: number;
}

interface IndexColumnRow {
  seqno: number;
  cid: number;
  name: string | null;
  desc: number;
  coll: string;
  key: number;
}

interface ForeignKeyRow {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string | null;
  on_update: string;
  on_delete: string;
}

/** One line of SQL as SQLite stores it, with its layout (spaces, line breaks) evened out. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The CHECK constraints of a CREATE TABLE statement, each as `(expression)`. */
function checksOf(createTable: string): string[] {
  const checks: string[] = [];
  const pattern = /\bcheck\s*\(/gi;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(createTable))) {
    const open = match.index + match[0].length - 1;
    let depth = 0;
    let quote: string | null = null;
    for (let i = open; i < createTable.length; i += 1) {
      const char = createTable[i] as string;
      if (quote) {
        if (char === quote) quote = null;
      } else if (char === "'" || char === '"') {
        quote = char;
      } else if (char === '(') {
        depth += 1;
      } else if (char === ')') {
        depth -= 1;
        if (depth === 0) {
          checks.push(oneLine(createTable.slice(open, i + 1)));
          pattern.lastIndex = i + 1;
          break;
        }
      }
    }
  }
  return checks;
}

/** The WHERE clause of a partial index. */
function whereOf(createIndex: string | null): string {
  const at = createIndex?.search(/\swhere\s/i) ?? -1;
  return createIndex && at >= 0 ? oneLine(createIndex.slice(at)) : '';
}

/** Code-point order: the same on every machine, whatever its locale. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A text value as the dump shows it: quoted, so NULL and 'NULL' differ. */
function shown(value: string | null): string {
  return value === null ? 'null' : JSON.stringify(value);
}

/**
 * The schema of a SQLite database in a stable text form: tables with their columns (name, type,
 * not null, default, primary key position), foreign keys and CHECK constraints, indexes (name,
 * columns with collation and order, unique, partial clause, origin), triggers and views. Sorted
 * by name, so two databases with the same schema give the same text.
 */
export function dumpSchema(raw: BetterSqlite3.Database): string {
  const master = raw
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
    )
    .all() as MasterRow[];
  const lines: string[] = [];
  for (const table of master.filter((row) => row.type === 'table')) {
    if (table.name === 'sqlite_sequence') continue;
    lines.push(`table ${table.name}`);
    const columns = raw.pragma(`table_xinfo(${JSON.stringify(table.name)})`) as ColumnRow[];
    for (const column of columns.sort((a, b) => a.cid - b.cid)) {
      lines.push(
        `  column ${column.name} ${column.type || '(no type)'}` +
          `${column.notnull ? ' not null' : ''}` +
          ` default=${column.dflt_value ?? 'none'}` +
          `${column.pk ? ` pk=${column.pk}` : ''}` +
          `${column.hidden ? ` hidden=${column.hidden}` : ''}`,
      );
    }
    const keys = raw.pragma(`foreign_key_list(${JSON.stringify(table.name)})`) as ForeignKeyRow[];
    for (const key of keys.sort((a, b) => a.id - b.id || a.seq - b.seq)) {
      lines.push(
        `  foreign key ${key.from} -> ${key.table}(${key.to ?? '(primary key)'})` +
          ` on update ${key.on_update} on delete ${key.on_delete}`,
      );
    }
    for (const check of checksOf(table.sql ?? '')) lines.push(`  check ${check}`);
    const indexes = raw.pragma(`index_list(${JSON.stringify(table.name)})`) as IndexRow[];
    for (const index of indexes.sort((a, b) => byName(a.name, b.name))) {
      const sqlText = master.find((row) => row.type === 'index' && row.name === index.name)?.sql;
      const columnsOf = (
        raw.pragma(`index_xinfo(${JSON.stringify(index.name)})`) as IndexColumnRow[]
      )
        .filter((column) => column.key === 1)
        .sort((a, b) => a.seqno - b.seqno)
        .map(
          (column) =>
            `${column.name ?? '(expression)'}` +
            `${column.coll !== 'BINARY' ? ` collate ${column.coll}` : ''}` +
            `${column.desc ? ' desc' : ''}`,
        );
      lines.push(
        `  index ${index.name} (${columnsOf.join(', ')})` +
          `${index.unique ? ' unique' : ''}` +
          ` origin=${index.origin}` +
          `${index.partial ? ` ${whereOf(sqlText ?? null)}` : ''}` +
          `${columnsOf.includes('(expression)') ? ` sql=${shown(oneLine(sqlText ?? ''))}` : ''}`,
      );
    }
  }
  for (const row of master.filter((r) => r.type === 'trigger' || r.type === 'view')) {
    lines.push(`${row.type} ${row.name} on ${row.tbl_name}: ${oneLine(row.sql ?? '')}`);
  }
  return lines.join('\n') + '\n';
}

/** A short fingerprint of a schema dump. */
export function schemaHash(dump: string): string {
  return createHash('sha256').update(dump).digest('hex').slice(0, 16);
}

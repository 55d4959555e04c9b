import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import { AppError, describeError } from '../errors';
import type { Database } from './schema';

export interface OpenDatabaseOptions {
  /** `:memory:` or a file path. */
  file: string;
  /**
   * Path of a better-sqlite3 addon built for this runtime. The desktop app passes the build made
   * for Electron's ABI so that the Node build in node_modules (used by tests and the host) stays.
   */
  nativeBinding?: string;
  busyTimeoutMs?: number;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  raw: BetterSqlite3.Database;
  close(): Promise<void>;
}

export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(
      options.file,
      options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
    );
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    raw.pragma('synchronous = NORMAL');
    // Reading one page proves the file is a database before any migration touches it.
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    throw new AppError(
      'UNAVAILABLE',
      `The database ${options.file} could not be opened (${describeError(error)}). ` +
        'If the file is damaged, move it aside and restore a backup; nothing has been changed.',
    );
  }
  const db = new Kysely<Database>({ dialect: new RollbackSafeDialect(raw) });
  let closed = false;
  return {
    db,
    raw,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/** Distinct statements kept prepared; the least recently used goes first. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query again each time it runs, and preparing costs more than running
 * the small queries the engine makes (the statistics recorder's upserts: several times more). The
 * connection keeps its most used statements prepared instead. Queries run one at a time on the
 * connection (Kysely holds it per query or transaction), so a cached statement is never busy
 * when it is handed out again; nothing here streams results.
 */
function withStatementCache(raw: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => raw.close(),
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = raw.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return statement;
    },
  };
}

/**
 * When a commit fails because the disk is full, SQLite has already rolled the transaction back;
 * Kysely's ROLLBACK would then fail with "cannot rollback - no transaction is active" and hide
 * the real error. This driver rolls back only a transaction that is still open.
 */
class RollbackSafeDriver extends SqliteDriver {
  constructor(private readonly raw: BetterSqlite3.Database) {
    super({ database: withStatementCache(raw) });
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.raw.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

class RollbackSafeDialect extends SqliteDialect {
  constructor(private readonly raw: BetterSqlite3.Database) {
    // Its driver (below) is what runs the queries, with the statement cache.
    super({ database: raw });
  }

  override createDriver(): Driver {
    return new RollbackSafeDriver(this.raw);
  }
}

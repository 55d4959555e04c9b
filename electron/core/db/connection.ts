import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
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

/**
 * When a commit fails because the disk is full, SQLite has already rolled the transaction back;
 * Kysely's ROLLBACK would then fail with "cannot rollback - no transaction is active" and hide
 * the real error. This driver rolls back only a transaction that is still open.
 */
class RollbackSafeDriver extends SqliteDriver {
  constructor(private readonly raw: BetterSqlite3.Database) {
    super({ database: raw });
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.raw.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

class RollbackSafeDialect extends SqliteDialect {
  constructor(private readonly raw: BetterSqlite3.Database) {
    super({ database: raw });
  }

  override createDriver(): Driver {
    return new RollbackSafeDriver(this.raw);
  }
}

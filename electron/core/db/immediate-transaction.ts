import { sql, type Kysely } from 'kysely';

export interface ImmediateTransactionOptions {
  /**
   * Commits with `synchronous = FULL`: the write-ahead log is on disk before this resolves, so a
   * power cut right after cannot undo it (the database otherwise runs with `NORMAL`, whose
   * commits reach the disk only at the next checkpoint). For markers written right before an
   * irreversible call; `bench/durable-marker-bench.ts` measures what it costs.
   */
  durable?: boolean;
}

/**
 * `BEGIN IMMEDIATE` … `COMMIT` on the engine's one connection, held for the whole callback: the
 * write lock is taken at the start, so a check followed by a write (a pacing rule and its
 * reservation, an ownership check and a marker) cannot be overtaken by another process on the
 * same file. Inside `work` use only the handle it receives: the root handle waits for this
 * connection and would never get it.
 */
export function immediateTransaction<DB, T>(
  db: Kysely<DB>,
  work: (trx: Kysely<DB>) => Promise<T>,
  options: ImmediateTransactionOptions = {},
): Promise<T> {
  return db.connection().execute(async (conn) => {
    let restore: number | null = null;
    if (options.durable) {
      const current = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(conn);
      restore = current.rows[0]?.synchronous ?? 1;
      await sql`PRAGMA synchronous = FULL`.execute(conn);
    }
    try {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      try {
        const result = await work(conn);
        await sql`COMMIT`.execute(conn);
        return result;
      } catch (error) {
        await sql`ROLLBACK`.execute(conn).catch(() => undefined);
        throw error;
      }
    } finally {
      if (restore !== null) await sql.raw(`PRAGMA synchronous = ${restore}`).execute(conn);
    }
  });
}

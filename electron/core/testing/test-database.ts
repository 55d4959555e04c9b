import { openDatabase, type DatabaseHandle } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { migrations } from '../db/migrations';

/** A migrated database: `:memory:` by default, or a file shared with another process. */
export async function openTestDatabase(file = ':memory:'): Promise<DatabaseHandle> {
  const handle = openDatabase({ file });
  await migrateToLatest(handle.db, migrations);
  return handle;
}

/** Lets pending promise callbacks and I/O run (the fake clock does not move). */
export async function flushAsync(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

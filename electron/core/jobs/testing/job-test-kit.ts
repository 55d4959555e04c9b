import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** A promise the test resolves by hand, to hold a job in the middle of its run. */
export function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** A job's row as stored. */
export function jobRow(db: Kysely<Database>, id: string) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

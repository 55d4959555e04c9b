import type { Kysely } from 'kysely';
import type { AlertCounts, AlertState } from '../../../shared/domain/alerts';
import type { AlertRow, AlertUpdate, Database, NewAlertRow } from '../db/schema';

/** Where a page continues: the time and id of the last row shown. */
export interface PageCursor {
  at: number;
  id: string;
}

export function parseCursor(text: string | undefined): PageCursor | null {
  if (text === undefined) return null;
  const split = text.indexOf(':');
  return { at: Number(text.slice(0, split)), id: text.slice(split + 1) };
}

export function cursorOf(at: number, id: string): string {
  return `${at}:${id}`;
}

/** The alerts table: one row per alert, at most one not resolved per cause key. */
export class AlertsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(id: string): Promise<AlertRow | undefined> {
    return this.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every alert not resolved (open or acknowledged): a few dozen at most. */
  async active(): Promise<AlertRow[]> {
    return this.db.selectFrom('alerts').selectAll().where('state', '<>', 'resolved').execute();
  }

  async activeFor(causeKey: string): Promise<AlertRow | undefined> {
    return this.db
      .selectFrom('alerts')
      .selectAll()
      .where('cause_key', '=', causeKey)
      .where('state', '<>', 'resolved')
      .executeTakeFirst();
  }

  /** Alerts the person resolved while their cause still held, until the cause goes away. */
  async heldBack(): Promise<AlertRow[]> {
    return this.db
      .selectFrom('alerts')
      .selectAll()
      .where('state', '=', 'resolved')
      .where('resolved_by', '=', 'person')
      .where('cause_cleared', '=', 0)
      .execute();
  }

  async insert(row: NewAlertRow): Promise<AlertRow> {
    await this.db.insertInto('alerts').values(row).execute();
    return (await this.get(row.id)) as AlertRow;
  }

  async update(id: string, patch: AlertUpdate): Promise<AlertRow> {
    await this.db.updateTable('alerts').set(patch).where('id', '=', id).execute();
    return (await this.get(id)) as AlertRow;
  }

  async markCleared(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('alerts').set({ cause_cleared: 1 }).where('id', 'in', ids).execute();
  }

  /** Alerts in one state, the most recent first (resolved ones by when they were resolved). */
  async list(state: AlertState, limit: number, after: PageCursor | null): Promise<AlertRow[]> {
    const time = state === 'resolved' ? 'resolved_at' : 'last_seen_at';
    let query = this.db.selectFrom('alerts').selectAll().where('state', '=', state);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb(time, '<', after.at),
          eb.and([eb(time, '=', after.at), eb('id', '<', after.id)]),
        ]),
      );
    }
    return query.orderBy(time, 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  async counts(): Promise<AlertCounts> {
    const rows = await this.db
      .selectFrom('alerts')
      .select(['state', 'severity', (eb) => eb.fn.countAll<number>().as('count')])
      .where('state', '<>', 'resolved')
      .groupBy(['state', 'severity'])
      .execute();
    const counts: AlertCounts = { open: 0, acknowledged: 0, errors: 0 };
    for (const row of rows) {
      const count = Number(row.count);
      if (row.state === 'open') counts.open += count;
      if (row.state === 'acknowledged') counts.acknowledged += count;
      if (row.state === 'open' && row.severity === 'error') counts.errors += count;
    }
    return counts;
  }

  /** Deletes alerts resolved before `before`; returns how many. */
  async prune(before: number): Promise<number> {
    const result = await this.db
      .deleteFrom('alerts')
      .where('state', '=', 'resolved')
      .where('resolved_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

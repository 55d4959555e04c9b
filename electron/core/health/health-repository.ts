import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Jobs of one kind, counted by what they are doing now. */
export interface QueueCounts {
  kind: string;
  waiting: number;
  scheduled: number;
  running: number;
  dead: number;
  oldestWaitingSince: number | null;
  /** Running jobs whose lease ran out this long ago or more (their worker is gone). */
  abandoned: number;
}

export interface RunningJobRow {
  id: string;
  kind: string;
  attempts: number;
  progress: number | null;
  progress_message: string | null;
  updated_at: number;
  lease_expires_at: number | null;
}

/**
 * The read models of health: the job queue by kind, running jobs, the next config run, recent
 * failures per account. Reads the tables of jobs, configs and distribution; writes nothing.
 */
export class HealthRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Queued, running and dead jobs per kind; a lease ended before `leaseDeadline` is abandoned. */
  async queue(now: number, leaseDeadline: number): Promise<QueueCounts[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .select([
        'kind',
        sql<number>`SUM(state = 'queued' AND not_before <= ${now})`.as('waiting'),
        sql<number>`SUM(state = 'queued' AND not_before > ${now})`.as('scheduled'),
        sql<number>`SUM(state = 'running')`.as('running'),
        sql<number>`SUM(state = 'dead')`.as('dead'),
        sql<
          number | null
        >`MIN(CASE WHEN state = 'queued' AND not_before <= ${now} THEN not_before END)`.as(
          'oldest',
        ),
        sql<number>`SUM(state = 'running' AND lease_expires_at < ${leaseDeadline})`.as('abandoned'),
      ])
      .where('state', 'in', ['queued', 'running', 'dead'])
      .groupBy('kind')
      .orderBy('kind')
      .execute();
    return rows.map((row) => ({
      kind: row.kind,
      waiting: Number(row.waiting),
      scheduled: Number(row.scheduled),
      running: Number(row.running),
      dead: Number(row.dead),
      oldestWaitingSince: row.oldest === null ? null : Number(row.oldest),
      abandoned: Number(row.abandoned),
    }));
  }

  /** Since when the oldest job of `kind` that a worker may claim (priority ≥ floor) is due. */
  async oldestClaimable(kind: string, now: number, floor: number): Promise<number | null> {
    const row = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.min<number>('not_before').as('oldest'))
      .where('state', '=', 'queued')
      .where('kind', '=', kind)
      .where('priority', '>=', floor)
      .where('not_before', '<=', now)
      .executeTakeFirst();
    return row?.oldest ?? null;
  }

  async runningJobs(limit: number): Promise<RunningJobRow[]> {
    return this.db
      .selectFrom('jobs')
      .select([
        'id',
        'kind',
        'attempts',
        'progress',
        'progress_message',
        'updated_at',
        'lease_expires_at',
      ])
      .where('state', '=', 'running')
      .orderBy('updated_at')
      .limit(limit)
      .execute();
  }

  async nextRun(): Promise<{ configId: string; configName: string; at: number } | null> {
    const row = await this.db
      .selectFrom('configs')
      .select(['id', 'name', 'next_run_at'])
      .where('active', '=', 1)
      .where('next_run_at', 'is not', null)
      .orderBy('next_run_at')
      .limit(1)
      .executeTakeFirst();
    return row?.next_run_at == null
      ? null
      : { configId: row.id, configName: row.name, at: row.next_run_at };
  }

  /** Posts that failed for good since `since`, per account. */
  async failuresByAccount(since: number): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('distribution_targets')
      .select(['account_id', (eb) => eb.fn.countAll<number>().as('count')])
      .where('state', '=', 'failed')
      .where('updated_at', '>=', since)
      .groupBy('account_id')
      .execute();
    return new Map(rows.map((row) => [row.account_id, Number(row.count)]));
  }
}

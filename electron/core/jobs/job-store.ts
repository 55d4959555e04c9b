import { sql, type Kysely } from 'kysely';
import type { JobListInput, JobState } from '../../../shared/domain/jobs';
import type { Database, JobRow } from '../db/schema';
import { AGING_MS, BATCH_PRIORITY } from './job-priorities';

export interface NewJob {
  id: string;
  kind: string;
  /** Already JSON text. */
  data: string;
  idempotencyKey: string | null;
  priority: number;
  maxAttempts: number;
  notBefore: number;
}

/** How a run of a job ended, as the store records it. */
export type JobFinish =
  | { state: 'succeeded'; result: string | null }
  | { state: 'dead' | 'cancelled'; error: string | null }
  /** Back to the queue: a retry after `notBefore`, or a job interrupted by shutdown. */
  | { state: 'queued'; error: string | null; notBefore: number; refundAttempt: boolean };

export interface CancelRequest {
  row: JobRow;
  /** `cancelled`: it was queued and is now final; `flagged`: its worker must stop it. */
  effect: 'cancelled' | 'flagged' | 'alreadyFinal';
}

export interface LeaseCheck {
  /** False when another worker took the job over (our lease expired) or it was removed. */
  owned: boolean;
  cancelRequested: boolean;
}

/**
 * Persistence of the queue, injected so that the queue's logic does not depend on SQL. Every
 * write that changes a running job names the lease token of the attempt that claimed it: a
 * worker that lost its lease can never overwrite the outcome recorded by the worker that took
 * over.
 */
export interface JobStore {
  insert(job: NewJob, now: number): Promise<{ row: JobRow; created: boolean }>;
  /**
   * Atomically leases the best due job of `kind` to `owner` under a new `leaseToken`, unless
   * `concurrency` jobs of the kind already run. With `minPriority`, only jobs of at least that
   * priority are taken (the others are held).
   */
  claim(
    kind: string,
    owner: string,
    leaseToken: string,
    now: number,
    leaseUntil: number,
    concurrency: number,
    minPriority?: number,
  ): Promise<JobRow | null>;
  extendLease(id: string, leaseToken: string, leaseUntil: number, now: number): Promise<LeaseCheck>;
  /** True while the job runs under `leaseToken` with its lease lasting at least until `until`. */
  holdsLease(id: string, leaseToken: string, until: number): Promise<boolean>;
  saveProgress(
    id: string,
    leaseToken: string,
    progress: number,
    message: string | null,
    now: number,
  ): Promise<void>;
  finish(id: string, leaseToken: string, outcome: JobFinish, now: number): Promise<JobRow | null>;
  /** A queued job becomes cancelled at once; a running one is flagged for its worker. */
  requestCancel(id: string, now: number): Promise<CancelRequest | null>;
  /** Moves a queued job's not-before time; null when it is not queued (running or final). */
  moveQueued(id: string, notBefore: number, now: number): Promise<JobRow | null>;
  /**
   * Expired leases go back to the queue, or to dead when no attempt is left. Jobs in `running`
   * (the calling worker's own handlers, still settling) are left to that worker, which stops
   * them when their confirmed lease runs out and releases them itself.
   */
  recoverExpired(
    now: number,
    interruptedMessage: string,
    running: readonly string[],
    /** Leases ending up to this time count as expired (all of them: `Infinity`). */
    expiredBy?: number,
  ): Promise<JobRow[]>;
  /** Deletes final jobs that finished before `finishedBefore`; returns how many. */
  prune(finishedBefore: number): Promise<number>;
  get(id: string): Promise<JobRow | null>;
  findByKey(idempotencyKey: string): Promise<JobRow | null>;
  list(filter: JobListInput): Promise<JobRow[]>;
  /** The earliest time something may become claimable: a not-before time or a lease expiry. */
  nextWakeAt(
    kinds: readonly string[],
    now: number,
    running: readonly string[],
  ): Promise<number | null>;
}

export class SqliteJobStore implements JobStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(job: NewJob, now: number): Promise<{ row: JobRow; created: boolean }> {
    const inserted = await this.db
      .insertInto('jobs')
      .values({
        id: job.id,
        kind: job.kind,
        idempotency_key: job.idempotencyKey,
        data: job.data,
        state: 'queued',
        priority: job.priority,
        attempts: 0,
        max_attempts: job.maxAttempts,
        not_before: job.notBefore,
        lease_owner: null,
        lease_expires_at: null,
        lease_token: null,
        progress: null,
        progress_message: null,
        last_error: null,
        result: null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { row: inserted, created: true };
    const existing = job.idempotencyKey ? await this.findByKey(job.idempotencyKey) : null;
    if (!existing) throw new Error(`Job ${job.id} was neither inserted nor found`);
    return { row: existing, created: false };
  }

  async claim(
    kind: string,
    owner: string,
    leaseToken: string,
    now: number,
    leaseUntil: number,
    concurrency: number,
    minPriority = Number.MIN_SAFE_INTEGER,
  ): Promise<JobRow | null> {
    // One statement, so that two processes on the same file can never lease the same job.
    const result = await sql<JobRow>`
      UPDATE jobs
      SET state = 'running', attempts = attempts + 1, lease_owner = ${owner},
          lease_token = ${leaseToken}, lease_expires_at = ${leaseUntil}, updated_at = ${now}
      WHERE id = (
        SELECT id FROM jobs
        WHERE kind = ${kind} AND state = 'queued' AND not_before <= ${now}
          AND priority >= ${minPriority}
        ORDER BY
          CASE WHEN ${now} - not_before >= ${AGING_MS} THEN max(priority, ${BATCH_PRIORITY})
               ELSE priority END DESC,
          not_before ASC, created_at ASC, rowid ASC
        LIMIT 1
      )
      AND (SELECT count(*) FROM jobs WHERE kind = ${kind} AND state = 'running') < ${concurrency}
      RETURNING *`.execute(this.db);
    return result.rows[0] ?? null;
  }

  async extendLease(id: string, leaseToken: string, leaseUntil: number, now: number) {
    const row = await this.db
      .updateTable('jobs')
      .set({ lease_expires_at: leaseUntil, updated_at: now })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .where('lease_token', '=', leaseToken)
      .returning(['cancel_requested'])
      .executeTakeFirst();
    return { owned: row !== undefined, cancelRequested: row?.cancel_requested === 1 };
  }

  async holdsLease(id: string, leaseToken: string, until: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('jobs')
      .select('id')
      .where('id', '=', id)
      .where('state', '=', 'running')
      .where('lease_token', '=', leaseToken)
      .where('lease_expires_at', '>=', until)
      .executeTakeFirst();
    return row !== undefined;
  }

  async saveProgress(
    id: string,
    leaseToken: string,
    progress: number,
    message: string | null,
    now: number,
  ): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ progress, progress_message: message, updated_at: now })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .where('lease_token', '=', leaseToken)
      .execute();
  }

  async finish(id: string, leaseToken: string, outcome: JobFinish, now: number) {
    const base = this.db
      .updateTable('jobs')
      .where('id', '=', id)
      .where('state', '=', 'running')
      .where('lease_token', '=', leaseToken);
    let query;
    switch (outcome.state) {
      case 'succeeded':
        query = base.set({
          state: 'succeeded',
          result: outcome.result,
          progress: 1,
          lease_owner: null,
          lease_expires_at: null,
          lease_token: null,
          updated_at: now,
          finished_at: now,
        });
        break;
      case 'dead':
      case 'cancelled':
        query = base.set({
          state: outcome.state,
          last_error: outcome.error,
          lease_owner: null,
          lease_expires_at: null,
          lease_token: null,
          updated_at: now,
          finished_at: now,
        });
        break;
      case 'queued':
        query = base.set((eb) => ({
          state: 'queued',
          last_error: outcome.error,
          not_before: outcome.notBefore,
          attempts: outcome.refundAttempt ? eb('attempts', '-', 1) : eb.ref('attempts'),
          lease_owner: null,
          lease_expires_at: null,
          lease_token: null,
          updated_at: now,
        }));
        break;
    }
    return (await query.returningAll().executeTakeFirst()) ?? null;
  }

  async requestCancel(id: string, now: number): Promise<CancelRequest | null> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      if (row.state === 'queued') {
        const cancelled = await trx
          .updateTable('jobs')
          .set({
            state: 'cancelled',
            last_error: 'Cancelled before it started.',
            updated_at: now,
            finished_at: now,
          })
          .where('id', '=', id)
          .where('state', '=', 'queued')
          .returningAll()
          .executeTakeFirstOrThrow();
        return { row: cancelled, effect: 'cancelled' as const };
      }
      if (row.state === 'running') {
        const flagged = await trx
          .updateTable('jobs')
          .set({ cancel_requested: 1, updated_at: now })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return { row: flagged, effect: 'flagged' as const };
      }
      return { row, effect: 'alreadyFinal' as const };
    });
  }

  async moveQueued(id: string, notBefore: number, now: number): Promise<JobRow | null> {
    const row = await this.db
      .updateTable('jobs')
      .set({ not_before: notBefore, updated_at: now })
      .where('id', '=', id)
      .where('state', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }

  async recoverExpired(
    now: number,
    interruptedMessage: string,
    running: readonly string[],
    expiredBy = now,
  ): Promise<JobRow[]> {
    const until = Number.isFinite(expiredBy) ? expiredBy : Number.MAX_SAFE_INTEGER;
    const notRunningHere = (ids: readonly string[]) =>
      ids.length === 0 ? sql<boolean>`1` : sql<boolean>`id NOT IN (${sql.join(ids)})`;
    return this.db.transaction().execute(async (trx) => {
      const dead = await trx
        .updateTable('jobs')
        .set({
          state: 'dead',
          last_error: `${interruptedMessage} No attempts were left.`,
          lease_owner: null,
          lease_expires_at: null,
          lease_token: null,
          updated_at: now,
          finished_at: now,
        })
        .where('state', '=', 'running')
        .where('lease_expires_at', '<=', until)
        .where(notRunningHere(running))
        .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
        .returningAll()
        .execute();
      const requeued = await trx
        .updateTable('jobs')
        .set((eb) => ({
          state: eb
            .case()
            .when('cancel_requested', '=', 1)
            .then('cancelled' as const)
            .else('queued' as const)
            .end(),
          finished_at: eb.case().when('cancel_requested', '=', 1).then(now).else(null).end(),
          last_error: interruptedMessage,
          not_before: now,
          lease_owner: null,
          lease_expires_at: null,
          lease_token: null,
          updated_at: now,
        }))
        .where('state', '=', 'running')
        .where('lease_expires_at', '<=', until)
        .where(notRunningHere(running))
        .returningAll()
        .execute();
      return [...dead, ...requeued];
    });
  }

  async prune(finishedBefore: number): Promise<number> {
    const result = await this.db
      .deleteFrom('jobs')
      .where('state', 'in', ['succeeded', 'dead', 'cancelled'])
      .where('finished_at', '<', finishedBefore)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async get(id: string): Promise<JobRow | null> {
    return (
      (await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
    );
  }

  async findByKey(idempotencyKey: string): Promise<JobRow | null> {
    return (
      (await this.db
        .selectFrom('jobs')
        .selectAll()
        .where('idempotency_key', '=', idempotencyKey)
        .executeTakeFirst()) ?? null
    );
  }

  async list(filter: JobListInput): Promise<JobRow[]> {
    let query = this.db.selectFrom('jobs').selectAll();
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.states && filter.states.length > 0) {
      query = query.where('state', 'in', filter.states as JobState[]);
    }
    return query.orderBy('updated_at', 'desc').orderBy('id').limit(filter.limit).execute();
  }

  async nextWakeAt(
    kinds: readonly string[],
    now: number,
    running: readonly string[],
  ): Promise<number | null> {
    if (kinds.length === 0) return null;
    const notRunningHere = running.length === 0 ? sql`1` : sql`id NOT IN (${sql.join(running)})`;
    const row = await sql<{ at: number | null }>`
      SELECT min(at) AS at FROM (
        SELECT min(not_before) AS at FROM jobs
          WHERE state = 'queued' AND kind IN (${sql.join(kinds)})
        UNION ALL
        SELECT min(lease_expires_at) AS at FROM jobs
          WHERE state = 'running' AND lease_expires_at > ${now} AND ${notRunningHere}
      )`.execute(this.db);
    return row.rows[0]?.at ?? null;
  }
}

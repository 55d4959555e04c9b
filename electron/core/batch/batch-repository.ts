import { sql, type Kysely } from 'kysely';
import type { BatchCounts } from '../../../shared/domain/batch';
import type {
  BatchItemRow,
  BatchItemUpdate,
  BatchRow,
  BatchUpdate,
  Database,
  DistributionTargetRow,
  NewBatchItemRow,
  NewBatchRow,
} from '../db/schema';

/** What an item shows of its post (read from distribution's table: a read model). */
export type ItemTarget = Pick<
  DistributionTargetRow,
  | 'id'
  | 'state'
  | 'error_message'
  | 'waiting_until'
  | 'url'
  | 'published_at'
  | 'created_at'
  | 'job_id'
>;

export type RunTarget = Pick<
  DistributionTargetRow,
  'id' | 'state' | 'error_message' | 'waiting_until'
>;

const emptyCounts = (): BatchCounts => ({
  total: 0,
  pending: 0,
  running: 0,
  succeeded: 0,
  failed: 0,
  skipped: 0,
  cancelled: 0,
});

export class BatchRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The batch and its items in one transaction; an item already imported is left out. */
  async createBatch(batch: NewBatchRow, items: NewBatchItemRow[]): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      await trx.insertInto('batches').values(batch).execute();
      let created = 0;
      for (let i = 0; i < items.length; i += 200) {
        const result = await trx
          .insertInto('batch_items')
          .values(items.slice(i, i + 200))
          .onConflict((oc) => oc.columns(['row_key', 'account_id']).doNothing())
          .executeTakeFirst();
        created += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      // Nothing new: no empty batch is left behind.
      if (created === 0) await trx.deleteFrom('batches').where('id', '=', batch.id).execute();
      return created;
    });
  }

  getBatch(id: string): Promise<BatchRow | undefined> {
    return this.db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listBatches(): Promise<BatchRow[]> {
    return this.db.selectFrom('batches').selectAll().orderBy('created_at', 'desc').execute();
  }

  activeBatches(): Promise<BatchRow[]> {
    return this.db
      .selectFrom('batches')
      .selectAll()
      .where('state', 'in', ['waiting', 'running'])
      .execute();
  }

  async updateBatch(id: string, update: BatchUpdate): Promise<BatchRow | undefined> {
    return this.db
      .updateTable('batches')
      .set(update)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async deleteBatch(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('batches').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async counts(batchId: string): Promise<BatchCounts> {
    const rows = await this.db
      .selectFrom('batch_items')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('batch_id', '=', batchId)
      .groupBy('state')
      .execute();
    const counts = emptyCounts();
    for (const row of rows) {
      counts[row.state] = Number(row.n);
      counts.total += Number(row.n);
    }
    return counts;
  }

  /** When the first item started and how many have finished: the observed rate. */
  async pace(batchId: string) {
    return this.db
      .selectFrom('batch_items')
      .select([
        (eb) => eb.fn.min('started_at').as('firstStart'),
        (eb) => eb.fn.max('finished_at').as('lastFinish'),
        sql<number>`sum(CASE WHEN state IN ('succeeded', 'failed') AND started_at IS NOT NULL THEN 1 ELSE 0 END)`.as(
          'finished',
        ),
        sql<number | null>`max(CASE WHEN state IN ('pending', 'running') THEN planned_at END)`.as(
          'lastPlanned',
        ),
      ])
      .where('batch_id', '=', batchId)
      .executeTakeFirstOrThrow();
  }

  items(batchId: string): Promise<BatchItemRow[]> {
    return this.db
      .selectFrom('batch_items')
      .selectAll()
      .where('batch_id', '=', batchId)
      .orderBy('position')
      .execute();
  }

  getItem(id: string): Promise<BatchItemRow | undefined> {
    return this.db.selectFrom('batch_items').selectAll().where('id', '=', id).executeTakeFirst();
  }

  updateItem(id: string, update: BatchItemUpdate): Promise<BatchItemRow | undefined> {
    return this.db
      .updateTable('batch_items')
      .set(update)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Links an item to the post it handed over, unless another item already owns that post (two
   * rows whose videos are the same file, for one account): one statement, so two workers
   * handing over together cannot both take it. Undefined when another item has it.
   */
  claimTarget(itemId: string, targetId: string, now: number): Promise<BatchItemRow | undefined> {
    return this.db
      .updateTable('batch_items')
      .set({ target_id: targetId, updated_at: now })
      .where('id', '=', itemId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('batch_items as other')
              .select('other.id')
              .where('other.target_id', '=', targetId)
              .where('other.id', '!=', itemId),
          ),
        ),
      )
      .returningAll()
      .executeTakeFirst();
  }

  itemsOfTarget(targetId: string): Promise<BatchItemRow[]> {
    return this.db
      .selectFrom('batch_items')
      .selectAll()
      .where('target_id', '=', targetId)
      .execute();
  }

  /** Items started and not final, and pending ones already on the queue. */
  async inFlight(batchId: string): Promise<number> {
    const row = await this.db
      .selectFrom('batch_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('batch_id', '=', batchId)
      .where((eb) =>
        eb.or([
          eb('state', '=', 'running'),
          eb.and([eb('state', '=', 'pending'), eb('job_id', 'is not', null)]),
        ]),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The next pending items not yet on the queue, in planned order. */
  nextToQueue(batchId: string, limit: number): Promise<BatchItemRow[]> {
    return this.db
      .selectFrom('batch_items')
      .selectAll()
      .where('batch_id', '=', batchId)
      .where('state', '=', 'pending')
      .where('job_id', 'is', null)
      .orderBy(sql`coalesce(planned_at, 0)`)
      .orderBy('position')
      .limit(limit)
      .execute();
  }

  itemsIn(batchId: string, states: BatchItemRow['state'][]): Promise<BatchItemRow[]> {
    return this.db
      .selectFrom('batch_items')
      .selectAll()
      .where('batch_id', '=', batchId)
      .where('state', 'in', states)
      .execute();
  }

  /** Items handed over and not final (a restart finds their post's state). */
  itemsOfRun(runId: string): Promise<BatchItemRow[]> {
    return this.db.selectFrom('batch_items').selectAll().where('run_id', '=', runId).execute();
  }

  /** Generate items whose run is under way (followed again after a restart). */
  runningWithRun(): Promise<BatchItemRow[]> {
    return this.db
      .selectFrom('batch_items')
      .selectAll()
      .where('state', '=', 'running')
      .where('run_id', 'is not', null)
      .execute();
  }

  /** The posts of a run's videos. */
  targetsOfRun(runId: string): Promise<RunTarget[]> {
    return this.db
      .selectFrom('distribution_targets as t')
      .innerJoin('distribution_videos as d', 'd.id', 't.video_id')
      .innerJoin('config_run_videos as v', 'v.id', 'd.run_video_id')
      .select(['t.id', 't.state', 't.error_message', 't.waiting_until'])
      .where('v.run_id', '=', runId)
      .execute();
  }

  /** The config run whose video a post is of, if any. */
  async runOfTarget(targetId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('distribution_targets as t')
      .innerJoin('distribution_videos as d', 'd.id', 't.video_id')
      .innerJoin('config_run_videos as v', 'v.id', 'd.run_video_id')
      .select('v.run_id')
      .where('t.id', '=', targetId)
      .executeTakeFirst();
    return row?.run_id ?? null;
  }

  handedOver(): Promise<BatchItemRow[]> {
    return this.db
      .selectFrom('batch_items')
      .selectAll()
      .where('state', '=', 'running')
      .where('target_id', 'is not', null)
      .execute();
  }

  async existingKeys(pairs: ReadonlyArray<{ rowKey: string; accountId: string }>) {
    const found: Array<{ row_key: string; account_id: string }> = [];
    const keys = [...new Set(pairs.map((p) => p.rowKey))];
    for (let i = 0; i < keys.length; i += 500) {
      found.push(
        ...(await this.db
          .selectFrom('batch_items')
          .select(['row_key', 'account_id'])
          .where('row_key', 'in', keys.slice(i, i + 500))
          .where('account_id', 'is not', null)
          .$narrowType<{ account_id: string }>()
          .execute()),
      );
    }
    return found;
  }

  /** Items of the account planned (or, unplanned, created) in [from, to]: for repeated captions. */
  itemsOfAccountNear(accountId: string, from: number, to: number): Promise<BatchItemRow[]> {
    return this.db
      .selectFrom('batch_items')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('state', 'not in', ['cancelled', 'skipped'])
      .where(sql<number>`coalesce(planned_at, created_at)`, '>=', from)
      .where(sql<number>`coalesce(planned_at, created_at)`, '<=', to)
      .execute();
  }

  /** Planned posts of items not yet handed over, in batches still going: the planner counts them. */
  plannedPending(): Promise<Array<{ account_id: string; planned_at: number | null }>> {
    return this.db
      .selectFrom('batch_items')
      .innerJoin('batches', 'batches.id', 'batch_items.batch_id')
      .select(['batch_items.account_id', 'batch_items.planned_at'])
      .where('batch_items.state', '=', 'pending')
      .where('batch_items.planned_at', 'is not', null)
      .where('batch_items.account_id', 'is not', null)
      .where('batches.state', 'in', ['waiting', 'running', 'paused'])
      .$narrowType<{ account_id: string }>()
      .execute();
  }

  /** Targets of these (video, account) pairs that exist already, as `video\0account`. */
  /** Items of any batch still to post these library videos to these accounts. */
  async plannedItems(mediaIds: readonly string[], accountIds: readonly string[]) {
    if (mediaIds.length === 0 || accountIds.length === 0) return [];
    const rows: Array<{ media_id: string | null; account_id: string | null }> = [];
    for (let i = 0; i < mediaIds.length; i += 500) {
      rows.push(
        ...(await this.db
          .selectFrom('batch_items')
          .select(['media_id', 'account_id'])
          .where('media_id', 'in', mediaIds.slice(i, i + 500))
          .where('account_id', 'in', accountIds)
          .where('state', 'in', ['pending', 'running'])
          .execute()),
      );
    }
    return rows;
  }

  async existingTargets(videoIds: readonly string[], accountIds: readonly string[]) {
    if (videoIds.length === 0 || accountIds.length === 0) return new Set<string>();
    const rows = await this.db
      .selectFrom('distribution_targets')
      .select(['video_id', 'account_id'])
      .where('video_id', 'in', videoIds)
      .where('account_id', 'in', accountIds)
      .execute();
    return new Set(rows.map((r) => `${r.video_id}\u0000${r.account_id}`));
  }

  async targets(ids: readonly string[]): Promise<Map<string, ItemTarget>> {
    const map = new Map<string, ItemTarget>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('distribution_targets')
        .select([
          'id',
          'state',
          'error_message',
          'waiting_until',
          'url',
          'published_at',
          'created_at',
          'job_id',
        ])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const row of rows) map.set(row.id, row);
    }
    return map;
  }
}

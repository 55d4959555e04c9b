import { sql, type Kysely } from 'kysely';
import { immediateTransaction } from '../db/immediate-transaction';
import { LeaseLostError } from '../jobs/jobs-module';
import type {
  Database,
  DistributionTargetChangeRow,
  DistributionTargetRow,
  DistributionTargetUpdate,
  DistributionVideoRow,
  NewDistributionTargetRow,
  PostMetricsRow,
} from '../db/schema';
import type { DistributionListInput } from '../../../shared/domain/distribution';
import type { StatisticsRecorder } from '../statistics/statistics-module';

export type NewMetricsRow = Omit<PostMetricsRow, 'id'>;

/** A post that has not gone out yet, with the wake time of its upload job. */
export interface WaitingTargetRow extends DistributionTargetRow {
  job_state: string | null;
  job_not_before: number | null;
}

/** Where a run's video came from, for its card's name. */
export interface VideoRunRow {
  run_video_id: string;
  position: number;
  scheduled_for: number | null;
  created_at: number;
  snapshot: string;
  count: number;
}

/** Target states an upload attempt may still work on. */
const openStates = ['pending', 'processing'] as const;

/**
 * SQL for distribution: videos, their (video, account) targets and metrics history. Every write
 * of a target or a reading tells statistics in the same transaction, so its figures and the
 * post never disagree after a crash.
 */
export class DistributionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly statistics: StatisticsRecorder,
    /** `db` is a transaction already open (BEGIN … by the caller): writes join it. */
    private readonly joined = false,
  ) {}

  /** The same repository writing inside a caller's open transaction (`trx`). */
  within(trx: Kysely<Database>): DistributionRepository {
    return new DistributionRepository(trx, this.statistics, true);
  }

  /** One transaction for a write and what statistics learn of it, or the caller's own. */
  private write<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.joined ? work(this.db) : this.db.transaction().execute(work);
  }

  /**
   * The hand-over, in one transaction: the video (once per run video) and every target, so a
   * video that exists always has all its targets. Returns the stored video and targets; when
   * the run video was handed over before, nothing is added.
   */
  async createVideoWithTargets(
    video: DistributionVideoRow,
    targets: (video: DistributionVideoRow) => NewDistributionTargetRow[],
  ): Promise<{ video: DistributionVideoRow; targets: DistributionTargetRow[] }> {
    return this.write(async (trx) => {
      const repository = this.within(trx);
      const stored = await repository.ensureVideo(video);
      const rows: DistributionTargetRow[] = [];
      for (const target of targets(stored)) rows.push(await repository.ensureTarget(target));
      return { video: stored, targets: rows };
    });
  }

  /** Inserts the video once (keyed by its run video) and returns the stored row. */
  async ensureVideo(row: DistributionVideoRow): Promise<DistributionVideoRow> {
    await this.db
      .insertInto('distribution_videos')
      .values(row)
      // The same run video, or a video recorded under its own id before: the first row stays.
      .onConflict((oc) => oc.doNothing())
      .execute();
    const stored = row.run_video_id
      ? await this.db
          .selectFrom('distribution_videos')
          .selectAll()
          .where('run_video_id', '=', row.run_video_id)
          .executeTakeFirst()
      : await this.getVideo(row.id);
    if (!stored) throw new Error('distribution video vanished after insert');
    return stored;
  }

  async hasRunVideo(runVideoId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('distribution_videos')
      .select('id')
      .where('run_video_id', '=', runVideoId)
      .executeTakeFirst();
    return row !== undefined;
  }

  getVideo(id: string): Promise<DistributionVideoRow | undefined> {
    return this.db
      .selectFrom('distribution_videos')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Adds a target unless (video, account) already has one; returns the stored target. */
  async ensureTarget(row: NewDistributionTargetRow): Promise<DistributionTargetRow> {
    return this.write(async (trx) => {
      const inserted = await trx
        .insertInto('distribution_targets')
        .values(row)
        .onConflict((oc) => oc.columns(['video_id', 'account_id']).doNothing())
        .executeTakeFirst();
      const stored = await trx
        .selectFrom('distribution_targets')
        .selectAll()
        .where('video_id', '=', row.video_id)
        .where('account_id', '=', row.account_id)
        .executeTakeFirst();
      if (!stored) throw new Error('distribution target vanished after insert');
      if (inserted.numInsertedOrUpdatedRows) await this.statistics.postChanged(trx, stored.id);
      return stored;
    });
  }

  getTarget(id: string): Promise<DistributionTargetRow | undefined> {
    return this.db
      .selectFrom('distribution_targets')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async updateTarget(id: string, patch: DistributionTargetUpdate): Promise<DistributionTargetRow> {
    return this.write(async (trx) => {
      await trx.updateTable('distribution_targets').set(patch).where('id', '=', id).execute();
      const row = await trx
        .selectFrom('distribution_targets')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw new Error(`distribution target ${id} no longer exists`);
      await this.statistics.postChanged(trx, id);
      return row;
    });
  }

  /**
   * An upload attempt takes the target: its lease token goes on the row, and every write of
   * the attempt names it. A target whose last attempt died after an irreversible call's marker
   * is being verified from now on. Undefined when the target is no longer open.
   */
  async claimTarget(
    id: string,
    leaseToken: string,
    now: number,
  ): Promise<DistributionTargetRow | undefined> {
    return this.write(async (trx) => {
      const row = await trx
        .updateTable('distribution_targets')
        .set((eb) => ({
          lease_token: leaseToken,
          state: 'processing',
          attempts: eb('attempts', '+', 1),
          waiting_until: null,
          verify_since: eb.fn.coalesce('verify_since', 'irreversible_at'),
          updated_at: now,
        }))
        .where('id', '=', id)
        .where('state', 'in', openStates)
        .returningAll()
        .executeTakeFirst();
      if (row) await this.statistics.postChanged(trx, id);
      return row;
    });
  }

  /**
   * A write of the attempt holding `leaseToken`: when another attempt took the target over
   * (or it was retried by hand), no row matches and the attempt stops (`LeaseLostError`).
   */
  async fencedUpdate(
    id: string,
    leaseToken: string,
    patch: DistributionTargetUpdate,
  ): Promise<DistributionTargetRow> {
    return this.write(async (trx) => {
      const row = await trx
        .updateTable('distribution_targets')
        .set(patch)
        .where('id', '=', id)
        .where('lease_token', '=', leaseToken)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new LeaseLostError('Another attempt took this post over; this one stopped.');
      await this.statistics.postChanged(trx, id);
      return row;
    });
  }

  /**
   * The marker right before an irreversible call: the adapter's state and the time, written
   * with `synchronous = FULL` (on disk before this resolves) and fenced by the lease token.
   */
  async saveMarker(
    id: string,
    leaseToken: string,
    uploadState: string,
    now: number,
  ): Promise<DistributionTargetRow> {
    return immediateTransaction(
      this.db,
      (trx) =>
        this.within(trx).fencedUpdate(id, leaseToken, {
          upload_state: uploadState,
          irreversible_at: now,
          phase: 'publishing',
          updated_at: now,
        }),
      { durable: true },
    );
  }

  /** A write outside any attempt (a job that ended, a repair), only while the target is open. */
  async updateOpenTarget(
    id: string,
    patch: DistributionTargetUpdate,
  ): Promise<DistributionTargetRow | undefined> {
    return this.write(async (trx) => {
      const row = await trx
        .updateTable('distribution_targets')
        .set(patch)
        .where('id', '=', id)
        .where('state', 'in', openStates)
        .returningAll()
        .executeTakeFirst();
      if (row) await this.statistics.postChanged(trx, id);
      return row;
    });
  }

  /**
   * Upload progress, written only while the attempt holds the target (never after). Not told
   * to statistics: a post on its way counts from its creation, whatever its progress.
   */
  async updateProgress(
    id: string,
    leaseToken: string,
    patch: Pick<DistributionTargetUpdate, 'phase' | 'sent_bytes' | 'total_bytes' | 'updated_at'>,
  ): Promise<DistributionTargetRow | undefined> {
    return this.db
      .updateTable('distribution_targets')
      .set(patch)
      .where('id', '=', id)
      .where('state', '=', 'processing')
      .where('lease_token', '=', leaseToken)
      .returningAll()
      .executeTakeFirst();
  }

  targetsOf(videoIds: string[]): Promise<DistributionTargetRow[]> {
    if (videoIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('distribution_targets')
      .selectAll()
      .where('video_id', 'in', videoIds)
      .orderBy('created_at')
      .orderBy('platform')
      .execute();
  }

  /** Open targets whose upload job is missing or already over (a crash between two writes). */
  async openTargetsWithoutLiveJob(): Promise<DistributionTargetRow[]> {
    return this.db
      .selectFrom('distribution_targets as t')
      .selectAll('t')
      .where('t.state', 'in', openStates)
      .where((eb) =>
        eb.or([
          eb('t.job_id', 'is', null),
          eb.not(
            eb.exists(
              eb
                .selectFrom('jobs')
                .select(sql`1`.as('one'))
                .whereRef('jobs.id', '=', 't.job_id')
                .where('jobs.state', 'in', ['queued', 'running']),
            ),
          ),
        ]),
      )
      .execute();
  }

  targetsInState(states: DistributionTargetRow['state'][]): Promise<DistributionTargetRow[]> {
    return this.db
      .selectFrom('distribution_targets')
      .selectAll()
      .where('state', 'in', states)
      .execute();
  }

  /** Videos newest first having at least one target matching the filter. */
  async listVideos(filter: DistributionListInput): Promise<DistributionVideoRow[]> {
    let query = this.db.selectFrom('distribution_videos').selectAll('distribution_videos');
    if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('created_at', '<', filter.to);
    if (filter.status || filter.platform || filter.accountId) {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('distribution_targets as t')
            .select('t.id')
            .whereRef('t.video_id', '=', 'distribution_videos.id')
            .$if(filter.status === 'verifying', (q) =>
              q.where('t.state', '=', 'processing').where('t.verify_since', 'is not', null),
            )
            .$if(filter.status === 'processing', (q) =>
              q.where('t.state', '=', 'processing').where('t.verify_since', 'is', null),
            )
            .$if(
              filter.status !== undefined &&
                filter.status !== 'verifying' &&
                filter.status !== 'processing',
              (q) => q.where('t.state', '=', filter.status as 'pending' | 'success' | 'failed'),
            )
            .$if(filter.platform !== undefined, (q) => q.where('t.platform', '=', filter.platform!))
            .$if(filter.accountId !== undefined, (q) =>
              q.where('t.account_id', '=', filter.accountId!),
            ),
        ),
      );
    }
    return query.orderBy('created_at', 'desc').limit(filter.limit).execute();
  }

  /**
   * Writes a change the person made to a post, with its record, only if the post is still as it
   * was read (same state and last update) and no upload job is running for it: the fence
   * against a job that took the post between the read and this write. False when refused.
   */
  async changeTarget(
    read: DistributionTargetRow,
    patch: DistributionTargetUpdate,
    change: DistributionTargetChangeRow,
  ): Promise<boolean> {
    return this.write(async (trx) => {
      const result = await trx
        .updateTable('distribution_targets')
        .set(patch)
        .where('id', '=', read.id)
        .where('state', '=', read.state)
        .where('updated_at', '=', read.updated_at)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('jobs')
                .select('jobs.id')
                .whereRef('jobs.id', '=', 'distribution_targets.job_id')
                .where('jobs.state', '=', 'running'),
            ),
          ),
        )
        .executeTakeFirst();
      if (result.numUpdatedRows !== 1n) return false;
      await trx.insertInto('distribution_target_changes').values(change).execute();
      return true;
    });
  }

  /** True when the target's upload job is running now (a worker holds it). */
  async jobRunning(target: DistributionTargetRow): Promise<boolean> {
    if (!target.job_id) return false;
    const job = await this.db
      .selectFrom('jobs')
      .select('state')
      .where('id', '=', target.job_id)
      .executeTakeFirst();
    return job?.state === 'running';
  }

  changesOf(targetId: string): Promise<DistributionTargetChangeRow[]> {
    return this.db
      .selectFrom('distribution_target_changes')
      .selectAll()
      .where('target_id', '=', targetId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  /** When each target's text was last changed by the person. */
  async lastTextEdits(targetIds: string[]): Promise<Map<string, number>> {
    if (targetIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('distribution_target_changes')
      .select(['target_id', (eb) => eb.fn.max('at').as('at')])
      .where('target_id', 'in', targetIds)
      .where('kind', '=', 'text')
      .groupBy('target_id')
      .execute();
    return new Map(rows.map((row) => [row.target_id, Number(row.at)]));
  }

  /** Posts not out yet (waiting or uploading), oldest first, with their upload job's wake time. */
  waitingTargets(): Promise<WaitingTargetRow[]> {
    return (
      this.db
        .selectFrom('distribution_targets as t')
        .leftJoin('jobs as j', 'j.id', 't.job_id')
        .selectAll('t')
        .select(['j.state as job_state', 'j.not_before as job_not_before'])
        .where('t.state', 'in', ['pending', 'processing'])
        .orderBy('t.created_at')
        // Made in the same millisecond (one video's targets): in the order they were made.
        .orderBy(sql`t.rowid`)
        .execute()
    );
  }

  /** Posts published in [from, to), oldest first. */
  publishedBetween(from: number, to: number): Promise<DistributionTargetRow[]> {
    return this.db
      .selectFrom('distribution_targets')
      .selectAll()
      .where('state', '=', 'success')
      .where('published_at', '>=', from)
      .where('published_at', '<', to)
      .orderBy('published_at')
      .execute();
  }

  videosByIds(ids: string[]): Promise<DistributionVideoRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('distribution_videos').selectAll().where('id', 'in', ids).execute();
  }

  /** The run, place and count of each run video given (a read of the runs' tables). */
  async runsOf(runVideoIds: string[]): Promise<Map<string, VideoRunRow>> {
    if (runVideoIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('config_run_videos as v')
      .innerJoin('config_runs as r', 'r.id', 'v.run_id')
      .select([
        'v.id as run_video_id',
        'v.position',
        'r.scheduled_for',
        'r.created_at',
        'r.snapshot',
        (eb) =>
          eb
            .selectFrom('config_run_videos as all')
            .select((inner) => inner.fn.countAll<number>().as('n'))
            .whereRef('all.run_id', '=', 'v.run_id')
            .as('count'),
      ])
      .where('v.id', 'in', runVideoIds)
      .execute();
    return new Map(
      rows.map((row) => [row.run_video_id, { ...row, count: Number(row.count ?? 1) }]),
    );
  }

  /** Stores a metrics reading and marks the target as read, with the post's new figures. */
  async addReading(row: NewMetricsRow): Promise<void> {
    await this.write(async (trx) => {
      await trx.insertInto('post_metrics').values(row).execute();
      await trx
        .updateTable('distribution_targets')
        .set({ metrics_at: row.at })
        .where('id', '=', row.target_id)
        .execute();
      await this.statistics.postChanged(trx, row.target_id);
    });
  }

  metricsOf(targetId: string): Promise<PostMetricsRow[]> {
    return this.db
      .selectFrom('post_metrics')
      .selectAll()
      .where('target_id', '=', targetId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  /** The newest metrics row of each target given. */
  async latestMetrics(targetIds: string[]): Promise<Map<string, PostMetricsRow>> {
    const latest = new Map<string, PostMetricsRow>();
    if (targetIds.length === 0) return latest;
    const rows = await this.db
      .selectFrom('post_metrics')
      .selectAll()
      .where('target_id', 'in', targetIds)
      .orderBy('at')
      .orderBy('id')
      .execute();
    for (const row of rows) latest.set(row.target_id, row);
    return latest;
  }

  publishedTargets(): Promise<DistributionTargetRow[]> {
    return this.db
      .selectFrom('distribution_targets')
      .selectAll()
      .where('state', '=', 'success')
      .execute();
  }
}

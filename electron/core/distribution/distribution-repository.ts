import type { Kysely, UpdateQueryBuilder, UpdateResult } from 'kysely';
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
import {
  lastTextEdits,
  latestMetrics,
  listVideos,
  changesOf,
  metricsOf,
  openStates,
  openTargetsWithoutLiveJob,
  publishedBetween,
  runsOf,
  waitingTargets,
  type VideoRunRow,
  type WaitingTargetRow,
} from './distribution-queries';

export type { VideoRunRow, WaitingTargetRow } from './distribution-queries';

export type NewMetricsRow = Omit<PostMetricsRow, 'id'>;

/** An update of one target, before the conditions that fence it. */
type TargetUpdate = UpdateQueryBuilder<
  Database,
  'distribution_targets',
  'distribution_targets',
  UpdateResult
>;

/**
 * SQL for distribution: videos, their (video, account) targets and metrics history. Every write
 * of a target or a reading tells statistics in the same transaction, so its figures and the
 * post never disagree after a crash. Its read-only queries live in `distribution-queries.ts`.
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
    const row = await this.updateTold(id, patch, (q) => q.where('lease_token', '=', leaseToken));
    if (!row) throw new LeaseLostError('Another attempt took this post over; this one stopped.');
    return row;
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

  /**
   * Writes `patch` on the target where `only` still holds, telling statistics in the same
   * transaction; undefined when no row matched (the target moved on).
   */
  private updateTold(
    id: string,
    patch: DistributionTargetUpdate,
    only: (query: TargetUpdate) => TargetUpdate,
  ): Promise<DistributionTargetRow | undefined> {
    return this.write(async (trx) => {
      const query = trx.updateTable('distribution_targets').set(patch).where('id', '=', id);
      const row = await only(query).returningAll().executeTakeFirst();
      if (row) await this.statistics.postChanged(trx, id);
      return row;
    });
  }

  /** A write outside any attempt (a job that ended, a repair), only while the target is open. */
  async updateOpenTarget(
    id: string,
    patch: DistributionTargetUpdate,
  ): Promise<DistributionTargetRow | undefined> {
    return this.updateTold(id, patch, (q) => q.where('state', 'in', openStates));
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

  openTargetsWithoutLiveJob(): Promise<DistributionTargetRow[]> {
    return openTargetsWithoutLiveJob(this.db);
  }

  targetsInState(states: DistributionTargetRow['state'][]): Promise<DistributionTargetRow[]> {
    return this.db
      .selectFrom('distribution_targets')
      .selectAll()
      .where('state', 'in', states)
      .execute();
  }

  listVideos(filter: DistributionListInput): Promise<DistributionVideoRow[]> {
    return listVideos(this.db, filter);
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
    return changesOf(this.db, targetId);
  }

  lastTextEdits(targetIds: string[]): Promise<Map<string, number>> {
    return lastTextEdits(this.db, targetIds);
  }

  waitingTargets(): Promise<WaitingTargetRow[]> {
    return waitingTargets(this.db);
  }

  publishedBetween(from: number, to: number): Promise<DistributionTargetRow[]> {
    return publishedBetween(this.db, from, to);
  }

  videosByIds(ids: string[]): Promise<DistributionVideoRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('distribution_videos').selectAll().where('id', 'in', ids).execute();
  }

  runsOf(runVideoIds: string[]): Promise<Map<string, VideoRunRow>> {
    return runsOf(this.db, runVideoIds);
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
    return metricsOf(this.db, targetId);
  }

  latestMetrics(targetIds: string[]): Promise<Map<string, PostMetricsRow>> {
    return latestMetrics(this.db, targetIds);
  }

  publishedTargets(): Promise<DistributionTargetRow[]> {
    return this.targetsInState(['success']);
  }
}

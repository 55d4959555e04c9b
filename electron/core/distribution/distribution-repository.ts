import { sql, type Kysely } from 'kysely';
import { immediateTransaction } from '../db/immediate-transaction';
import { LeaseLostError } from '../jobs/jobs-module';
import type {
  Database,
  DistributionTargetRow,
  DistributionTargetUpdate,
  DistributionVideoRow,
  NewDistributionTargetRow,
  PostMetricsRow,
} from '../db/schema';
import type { DistributionListInput } from '../../../shared/domain/distribution';

export type NewMetricsRow = Omit<PostMetricsRow, 'id'>;

/** Target states an upload attempt may still work on. */
const openStates = ['pending', 'processing'] as const;

/** SQL for distribution: videos, their (video, account) targets and metrics history. */
export class DistributionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The hand-over, in one transaction: the video (once per run video) and every target, so a
   * video that exists always has all its targets. Returns the stored video and targets; when
   * the run video was handed over before, nothing is added.
   */
  async createVideoWithTargets(
    video: DistributionVideoRow,
    targets: (video: DistributionVideoRow) => NewDistributionTargetRow[],
  ): Promise<{ video: DistributionVideoRow; targets: DistributionTargetRow[] }> {
    return this.db.transaction().execute(async (trx) => {
      const repository = new DistributionRepository(trx);
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
      .onConflict((oc) => oc.column('run_video_id').doNothing())
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
    await this.db
      .insertInto('distribution_targets')
      .values(row)
      .onConflict((oc) => oc.columns(['video_id', 'account_id']).doNothing())
      .execute();
    const stored = await this.db
      .selectFrom('distribution_targets')
      .selectAll()
      .where('video_id', '=', row.video_id)
      .where('account_id', '=', row.account_id)
      .executeTakeFirst();
    if (!stored) throw new Error('distribution target vanished after insert');
    return stored;
  }

  getTarget(id: string): Promise<DistributionTargetRow | undefined> {
    return this.db
      .selectFrom('distribution_targets')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async updateTarget(id: string, patch: DistributionTargetUpdate): Promise<DistributionTargetRow> {
    await this.db.updateTable('distribution_targets').set(patch).where('id', '=', id).execute();
    const row = await this.getTarget(id);
    if (!row) throw new Error(`distribution target ${id} no longer exists`);
    return row;
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
    return this.db
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
    const row = await this.db
      .updateTable('distribution_targets')
      .set(patch)
      .where('id', '=', id)
      .where('lease_token', '=', leaseToken)
      .returningAll()
      .executeTakeFirst();
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
        new DistributionRepository(trx).fencedUpdate(id, leaseToken, {
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
    return this.db
      .updateTable('distribution_targets')
      .set(patch)
      .where('id', '=', id)
      .where('state', 'in', openStates)
      .returningAll()
      .executeTakeFirst();
  }

  /** Upload progress, written only while the attempt holds the target (never after). */
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

  async addMetrics(row: NewMetricsRow): Promise<void> {
    await this.db.insertInto('post_metrics').values(row).execute();
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

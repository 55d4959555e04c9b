import { sql, type Kysely } from 'kysely';
import type {
  Database,
  DistributionTargetChangeRow,
  DistributionTargetRow,
  DistributionVideoRow,
  PostMetricsRow,
} from '../db/schema';
import type { DistributionListInput } from '../../../shared/domain/distribution';

// The read-only queries of distribution, apart from the repository's writes (which tell
// statistics in their transaction). Each takes the repository's connection, so a repository
// made `within` a transaction reads inside it too. The repository's methods delegate here.

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
export const openStates = ['pending', 'processing'] as const;

/** Open targets whose upload job is missing or already over (a crash between two writes). */
export async function openTargetsWithoutLiveJob(
  db: Kysely<Database>,
): Promise<DistributionTargetRow[]> {
  return db
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

/** Videos newest first having at least one target matching the filter. */
export async function listVideos(
  db: Kysely<Database>,
  filter: DistributionListInput,
): Promise<DistributionVideoRow[]> {
  let query = db.selectFrom('distribution_videos').selectAll('distribution_videos');
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

/** When each target's text was last changed by the person. */
export async function lastTextEdits(
  db: Kysely<Database>,
  targetIds: string[],
): Promise<Map<string, number>> {
  if (targetIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('distribution_target_changes')
    .select(['target_id', (eb) => eb.fn.max('at').as('at')])
    .where('target_id', 'in', targetIds)
    .where('kind', '=', 'text')
    .groupBy('target_id')
    .execute();
  return new Map(rows.map((row) => [row.target_id, Number(row.at)]));
}

/** Posts not out yet (waiting or uploading), oldest first, with their upload job's wake time. */
export function waitingTargets(db: Kysely<Database>): Promise<WaitingTargetRow[]> {
  return (
    db
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
export function publishedBetween(
  db: Kysely<Database>,
  from: number,
  to: number,
): Promise<DistributionTargetRow[]> {
  return db
    .selectFrom('distribution_targets')
    .selectAll()
    .where('state', '=', 'success')
    .where('published_at', '>=', from)
    .where('published_at', '<', to)
    .orderBy('published_at')
    .execute();
}

/** The run, place and count of each run video given (a read of the runs' tables). */
export async function runsOf(
  db: Kysely<Database>,
  runVideoIds: string[],
): Promise<Map<string, VideoRunRow>> {
  if (runVideoIds.length === 0) return new Map();
  const rows = await db
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
  return new Map(rows.map((row) => [row.run_video_id, { ...row, count: Number(row.count ?? 1) }]));
}

/** The newest metrics row of each target given. */
export async function latestMetrics(
  db: Kysely<Database>,
  targetIds: string[],
): Promise<Map<string, PostMetricsRow>> {
  const latest = new Map<string, PostMetricsRow>();
  if (targetIds.length === 0) return latest;
  const rows = await db
    .selectFrom('post_metrics')
    .selectAll()
    .where('target_id', 'in', targetIds)
    .orderBy('at')
    .orderBy('id')
    .execute();
  for (const row of rows) latest.set(row.target_id, row);
  return latest;
}

/** The changes the person made to a post, newest first. */
export function changesOf(
  db: Kysely<Database>,
  targetId: string,
): Promise<DistributionTargetChangeRow[]> {
  return db
    .selectFrom('distribution_target_changes')
    .selectAll()
    .where('target_id', '=', targetId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Every metrics reading of a post, oldest first. */
export function metricsOf(db: Kysely<Database>, targetId: string): Promise<PostMetricsRow[]> {
  return db
    .selectFrom('post_metrics')
    .selectAll()
    .where('target_id', '=', targetId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

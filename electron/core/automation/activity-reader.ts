import type { Kysely } from 'kysely';
import type {
  AttentionItem,
  RunningRender,
  RunningUpload,
  UpcomingRun,
} from '../../../shared/domain/automation';
import { platformIdSchema } from '../../../shared/domain/platforms';
import type { Database } from '../db/schema';
import type { HeldKinds } from './pause-switch';

/** Failures older than this no longer make the tray ask for attention (they stay listed). */
export const ATTENTION_WINDOW_MS = 24 * 3_600_000;

export interface Activity {
  renders: RunningRender[];
  rendersWaiting: number;
  uploads: RunningUpload[];
  uploadsWaiting: number;
  nextRuns: UpcomingRun[];
  attention: AttentionItem[];
  favourites: Array<{ configId: string; name: string }>;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Reads what is happening from the tables the domains keep: running and waiting jobs, the
 * next runs of active configs, and what needs the person. Read-only: every answer is derived,
 * so it is never out of step with the queue after a crash. Renders are the jobs of the
 * `automatic` kinds, uploads those of the `posting` kinds (named by the modules owning them).
 */
export class ActivityReader {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kinds: HeldKinds,
  ) {}

  async read(now: number, favouriteIds: readonly string[]): Promise<Activity> {
    const [renders, rendersWaiting, uploads, uploadsWaiting, nextRuns, attention, favourites] =
      await Promise.all([
        this.runningRenders(),
        this.countJobs(this.kinds.automatic, 'queued'),
        this.runningUploads(),
        this.waitingPosts(),
        this.nextRuns(),
        this.attention(now),
        this.favourites(favouriteIds),
      ]);
    return {
      renders,
      rendersWaiting,
      uploads,
      uploadsWaiting: Math.max(0, uploadsWaiting - uploads.length),
      nextRuns,
      attention,
      favourites,
    };
  }

  private async runningRenders(): Promise<RunningRender[]> {
    if (this.kinds.automatic.size === 0) return [];
    const rows = await this.db
      .selectFrom('jobs')
      .leftJoin('config_run_videos as video', 'video.job_id', 'jobs.id')
      .leftJoin('config_runs as run', 'run.id', 'video.run_id')
      .leftJoin('configs as config', 'config.id', 'run.config_id')
      .select([
        'jobs.id as jobId',
        'jobs.progress as progress',
        'run.id as runId',
        'run.config_id as configId',
        'config.name as configName',
      ])
      .where('jobs.kind', 'in', [...this.kinds.automatic])
      .where('jobs.state', '=', 'running')
      .orderBy('jobs.updated_at')
      .execute();
    return rows.map((row) => ({
      jobId: row.jobId,
      runId: row.runId,
      configId: row.configId,
      configName: row.configName ?? 'a deleted config',
      progress: row.progress === null ? null : Math.min(1, Math.max(0, row.progress)),
    }));
  }

  private async runningUploads(): Promise<RunningUpload[]> {
    if (this.kinds.posting.size === 0) return [];
    const rows = await this.db
      .selectFrom('jobs')
      .innerJoin('distribution_targets as target', 'target.job_id', 'jobs.id')
      .innerJoin('distribution_videos as video', 'video.id', 'target.video_id')
      .leftJoin('accounts as account', 'account.id', 'target.account_id')
      .select([
        'jobs.id as jobId',
        'jobs.progress as progress',
        'target.id as targetId',
        'target.platform as platform',
        'account.handle as handle',
        'video.title as title',
      ])
      .where('jobs.kind', 'in', [...this.kinds.posting])
      .where('jobs.state', '=', 'running')
      .orderBy('jobs.updated_at')
      .execute();
    return rows.map((row) => ({
      jobId: row.jobId,
      targetId: row.targetId,
      platform: platformIdSchema.parse(row.platform),
      accountHandle: row.handle === null ? null : `@${row.handle.replace(/^@/, '')}`,
      title: row.title,
      progress: row.progress === null ? null : Math.min(1, Math.max(0, row.progress)),
    }));
  }

  private async countJobs(kinds: Set<string>, state: 'queued' | 'running'): Promise<number> {
    if (kinds.size === 0) return 0;
    const row = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('kind', 'in', [...kinds])
      .where('state', '=', state)
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /** Posts not yet published nor failed: uploading, waiting for pacing, a retry or processing. */
  private async waitingPosts(): Promise<number> {
    const row = await this.db
      .selectFrom('distribution_targets')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('state', 'in', ['pending', 'processing'])
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  private async nextRuns(): Promise<UpcomingRun[]> {
    const rows = await this.db
      .selectFrom('configs')
      .select(['id', 'name', 'next_run_at'])
      .where('active', '=', 1)
      .where('next_run_at', 'is not', null)
      .orderBy('next_run_at')
      .limit(5)
      .execute();
    return rows.map((row) => ({
      configId: row.id,
      configName: row.name,
      at: row.next_run_at ?? 0,
    }));
  }

  private async attention(now: number): Promise<AttentionItem[]> {
    const since = now - ATTENTION_WINDOW_MS;
    const [accounts, posts, runs] = await Promise.all([
      this.db
        .selectFrom('accounts')
        .select(['id', 'handle', 'platform'])
        .where('status', '=', 'needs_reconnect')
        .orderBy('updated_at', 'desc')
        .execute(),
      this.db
        .selectFrom('distribution_targets')
        .select(['id'])
        .where('state', '=', 'failed')
        .where('updated_at', '>=', since)
        .orderBy('updated_at', 'desc')
        .execute(),
      this.db
        .selectFrom('config_runs')
        .select(['id', 'config_id'])
        .where('state', '=', 'failed')
        .where('finished_at', '>=', since)
        .orderBy('finished_at', 'desc')
        .execute(),
    ]);
    const items: AttentionItem[] = [];
    const [account] = accounts;
    if (account) {
      items.push({
        kind: 'accountReconnect',
        count: accounts.length,
        message:
          accounts.length === 1
            ? `@${account.handle.replace(/^@/, '')} needs to be reconnected`
            : `${accounts.length} accounts need to be reconnected`,
        target: { screen: 'accounts', itemId: account.id },
      });
    }
    const [post] = posts;
    if (post) {
      items.push({
        kind: 'postFailed',
        count: posts.length,
        message: `${plural(posts.length, 'post', 'posts')} failed today`,
        target: { screen: 'distribution', itemId: post.id },
      });
    }
    const [run] = runs;
    if (run) {
      items.push({
        kind: 'runFailed',
        count: runs.length,
        message: `${plural(runs.length, 'config run', 'config runs')} failed today`,
        target: { screen: 'configs', itemId: run.config_id },
      });
    }
    return items;
  }

  private async favourites(ids: readonly string[]) {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('configs')
      .select(['id', 'name'])
      .where('id', 'in', [...ids])
      .execute();
    const names = new Map(rows.map((row) => [row.id, row.name]));
    return ids.flatMap((id) => {
      const name = names.get(id);
      return name === undefined ? [] : [{ configId: id, name }];
    });
  }
}

import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  errorClasses,
  type ErrorClass,
  type ErrorEntry,
  type ErrorPage,
} from '../../../shared/domain/error-log';
import { platformIdSchema } from '../../../shared/domain/platforms';
import type { NavigationTarget } from '../../../shared/domain/screens';
import type { Database } from '../db/schema';
import { cursorOf, parseCursor } from './alerts-repository';

/** Classes of a failed post (the platforms' classification); anything else reads as `other`. */
const postClasses = ['auth', 'rate', 'transient', 'content', 'unknown'] as const;

export interface ErrorLogOptions {
  /** The job kind of uploads: their failures are the failed posts, not listed twice. */
  uploadKind: string;
  renderKind: string;
  metricsKind: string;
  /** The words Distribution shows for what to do about a failed post of a class. */
  postAction(errorClass: ErrorClass): string | null;
}

export interface ErrorFilter {
  platform?: string | undefined;
  accountId?: string | undefined;
  errorClass?: ErrorClass | undefined;
  from?: number | undefined;
  to?: number | undefined;
  limit: number;
  after?: string | undefined;
}

interface ErrorRow {
  source: 'post' | 'job';
  id: string;
  at: number;
  platform: string | null;
  account_id: string | null;
  account_handle: string | null;
  error_class: string;
  job_kind: string | null;
  subject: string | null;
  message: string | null;
  item_id: string;
  config_id: string | null;
}

const jobActions: Record<'render' | 'metrics' | 'other', string> = {
  render:
    'Open the config’s run history to see which clip or setting failed; fix it, then run the config again.',
  metrics:
    'Nothing to do if it happens once: the next reading comes later. If it repeats, test the account on the Accounts screen.',
  other: 'The log in the data folder has the details; restart ReelPilot if it keeps happening.',
};

function and(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length === 0 ? sql`1` : sql.join(conditions, sql` AND `);
}

/**
 * The errors log: posts that failed for good and jobs that gave up (other than uploads, whose
 * failures are the posts), newest first, read from the raw tables through their state and time
 * indexes, filtered and a page at a time. Jobs are kept 30 days by the queue.
 */
export class ErrorLog {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: ErrorLogOptions,
  ) {}

  async list(filter: ErrorFilter): Promise<ErrorPage> {
    const { uploadKind, renderKind, metricsKind } = this.options;
    const after = parseCursor(filter.after);
    const postClass = sql`CASE WHEN t.error_kind IN (${sql.join(postClasses.map((c) => sql.lit(c)))}) THEN t.error_kind ELSE 'other' END`;
    const jobClass = sql`CASE j.kind WHEN ${renderKind} THEN 'render' WHEN ${metricsKind} THEN 'metrics' ELSE 'other' END`;
    const postAt = sql`t.updated_at`;
    // A dead job always has the time it gave up.
    const jobAt = sql`j.finished_at`;

    const posts: RawBuilder<unknown>[] = [sql`t.state = 'failed'`];
    const jobs: RawBuilder<unknown>[] = [sql`j.state = 'dead'`, sql`j.kind <> ${uploadKind}`];
    if (filter.platform !== undefined) posts.push(sql`t.platform = ${filter.platform}`);
    if (filter.accountId !== undefined) posts.push(sql`t.account_id = ${filter.accountId}`);
    if (filter.errorClass !== undefined) {
      posts.push(sql`${postClass} = ${filter.errorClass}`);
      jobs.push(sql`${jobClass} = ${filter.errorClass}`);
    }
    for (const [list, at, prefix] of [
      [posts, postAt, 'post:'],
      [jobs, jobAt, 'job:'],
    ] as const) {
      if (filter.from !== undefined) list.push(sql`${at} >= ${filter.from}`);
      if (filter.to !== undefined) list.push(sql`${at} < ${filter.to}`);
      if (after) {
        const id = prefix === 'post:' ? sql`'post:' || t.id` : sql`'job:' || j.id`;
        list.push(sql`(${at} < ${after.at} OR (${at} = ${after.at} AND ${id} < ${after.id}))`);
      }
    }
    // Jobs have no platform or account: a filter on either leaves them out.
    const withJobs = filter.platform === undefined && filter.accountId === undefined;

    const postSelect = sql`
      SELECT 'post' AS source, 'post:' || t.id AS id, ${postAt} AS at, t.platform AS platform,
        t.account_id AS account_id, a.handle AS account_handle, ${postClass} AS error_class,
        NULL AS job_kind, v.title AS subject, t.error_message AS message, t.id AS item_id,
        v.config_id AS config_id
      FROM distribution_targets t
      JOIN distribution_videos v ON v.id = t.video_id
      LEFT JOIN accounts a ON a.id = t.account_id
      WHERE ${and(posts)}
      ORDER BY t.updated_at DESC, t.id DESC
      LIMIT ${filter.limit + 1}`;
    const jobSelect = sql`
      SELECT 'job' AS source, 'job:' || j.id AS id, ${jobAt} AS at, NULL AS platform,
        NULL AS account_id, NULL AS account_handle, ${jobClass} AS error_class, j.kind AS job_kind,
        c.name AS subject, j.last_error AS message, j.id AS item_id, r.config_id AS config_id
      FROM jobs j
      LEFT JOIN config_run_videos rv ON rv.job_id = j.id
      LEFT JOIN config_runs r ON r.id = rv.run_id
      LEFT JOIN configs c ON c.id = r.config_id
      WHERE ${and(jobs)}
      ORDER BY j.finished_at DESC, j.id DESC
      LIMIT ${filter.limit + 1}`;
    // Each side reads its own index newest first and stops at a page; the page is merged here.
    const union = withJobs
      ? sql`SELECT * FROM (${postSelect}) UNION ALL SELECT * FROM (${jobSelect})`
      : postSelect;
    const result = await sql<ErrorRow>`
      SELECT * FROM (${union}) ORDER BY at DESC, id DESC LIMIT ${filter.limit + 1}`.execute(
      this.db,
    );
    const rows = result.rows;
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return {
      entries: page.map((row) => this.entry(row)),
      nextCursor: rows.length > filter.limit && last ? cursorOf(last.at, last.id) : null,
    };
  }

  private subjectOf(row: ErrorRow, jobClass: 'render' | 'metrics' | 'other'): string {
    if (row.source === 'post') return 'A post';
    if (jobClass === 'metrics') return 'Reading a post’s metrics';
    if (jobClass === 'render') return 'A render';
    return `A “${row.job_kind ?? 'unknown'}” job`;
  }

  private entry(row: ErrorRow): ErrorEntry {
    const errorClass = (errorClasses as readonly string[]).includes(row.error_class)
      ? (row.error_class as ErrorClass)
      : 'other';
    const platform = platformIdSchema.safeParse(row.platform);
    let target: NavigationTarget | null = null;
    if (row.source === 'post') target = { screen: 'distribution', itemId: row.item_id };
    else if (row.config_id) target = { screen: 'configs', itemId: row.config_id };
    const jobClass = errorClass === 'render' || errorClass === 'metrics' ? errorClass : 'other';
    return {
      id: row.id,
      source: row.source,
      at: Number(row.at),
      platform: platform.success ? platform.data : null,
      accountId: row.account_id,
      accountHandle: row.account_handle,
      errorClass,
      jobKind: row.job_kind,
      subject: row.subject ?? this.subjectOf(row, jobClass),
      message: row.message ?? 'No message was recorded.',
      suggestedAction:
        row.source === 'post' ? this.options.postAction(errorClass) : jobActions[jobClass],
      target,
    };
  }
}

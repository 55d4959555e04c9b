import { sql, type Kysely } from 'kysely';
import { platformIdSchema, type PlatformId } from '../../../shared/domain/platforms';
import type { Database } from '../db/schema';

// The stored states of a post not out yet (`verifying` is a stored `processing` being checked).
const openTargetStates = ['pending', 'processing'] as const;

export interface AccountState {
  id: string;
  platform: PlatformId;
  handle: string;
  status: string;
  statusReason: string | null;
  consecutiveErrors: number;
}

export interface FailuresInARow {
  accountId: string;
  platform: PlatformId;
  handle: string;
  /** Posts failed for good since the account's last post that went out. */
  count: number;
  lastTargetId: string;
  lastKind: string | null;
  lastMessage: string | null;
}

export interface FailedRuns {
  configId: string;
  configName: string;
  /** Runs failed (or partly failed) since the config's last good run. */
  count: number;
  lastRunId: string;
  lastState: 'failed' | 'partial';
  lastError: string | null;
  lastFailedVideos: number;
}

export interface OpenTarget {
  id: string;
  platform: PlatformId;
  handle: string | null;
  state: string;
  phase: string | null;
  createdAt: number;
  updatedAt: number;
  waitingUntil: number | null;
}

/**
 * What the alert rules read from the tables the domains keep (accounts, posts, runs). Read
 * only: every rule answer is derived, so it is never out of step after a crash.
 */
export class RuleQueries {
  constructor(private readonly db: Kysely<Database>) {}

  /** Accounts that cannot post until the person acts (status other than active or paced). */
  async blockedAccounts(): Promise<AccountState[]> {
    const rows = await this.db
      .selectFrom('accounts')
      .select(['id', 'platform', 'handle', 'status', 'status_reason', 'consecutive_errors'])
      .where('status', 'in', ['needs_reconnect', 'disabled'])
      .execute();
    return rows.map((row) => ({
      id: row.id,
      platform: platformIdSchema.parse(row.platform),
      handle: row.handle,
      status: row.status,
      statusReason: row.status_reason,
      consecutiveErrors: row.consecutive_errors,
    }));
  }

  /**
   * Per account, the posts that failed for good since its last post went out, with the latest
   * of them (SQLite takes the bare columns from the row holding the MAX).
   */
  async failuresInARow(): Promise<FailuresInARow[]> {
    const rows = await this.db
      .selectFrom('distribution_targets as t')
      .innerJoin('accounts as a', 'a.id', 't.account_id')
      .select([
        't.account_id as accountId',
        'a.platform as platform',
        'a.handle as handle',
        sql<number>`COUNT(*)`.as('count'),
        sql<number>`MAX(t.updated_at)`.as('lastAt'),
        't.id as lastTargetId',
        't.error_kind as lastKind',
        't.error_message as lastMessage',
      ])
      .where('t.state', '=', 'failed')
      .where(sql<boolean>`t.updated_at > COALESCE(a.last_post_at, 0)`)
      .groupBy('t.account_id')
      .execute();
    return rows.map((row) => ({
      accountId: row.accountId,
      platform: platformIdSchema.parse(row.platform),
      handle: row.handle,
      count: Number(row.count),
      lastTargetId: row.lastTargetId,
      lastKind: row.lastKind,
      lastMessage: row.lastMessage,
    }));
  }

  /** Per config, the runs that failed or partly failed since its last good run. */
  async failedRuns(): Promise<FailedRuns[]> {
    const rows = await this.db
      .selectFrom('config_runs as r')
      .innerJoin('configs as c', 'c.id', 'r.config_id')
      .select([
        'r.config_id as configId',
        'c.name as configName',
        sql<number>`COUNT(*)`.as('count'),
        sql<number>`MAX(r.finished_at)`.as('lastAt'),
        'r.id as lastRunId',
        'r.state as lastState',
        'r.error as lastError',
      ])
      .where('r.state', 'in', ['failed', 'partial'])
      .where('r.finished_at', 'is not', null)
      .where(
        sql<boolean>`r.finished_at > COALESCE((SELECT MAX(s.finished_at) FROM config_runs s WHERE s.config_id = r.config_id AND s.state = 'succeeded'), 0)`,
      )
      .groupBy('r.config_id')
      .execute();
    if (rows.length === 0) return [];
    const failedVideos = await this.db
      .selectFrom('config_run_videos')
      .select(['run_id', (eb) => eb.fn.countAll<number>().as('count')])
      .where(
        'run_id',
        'in',
        rows.map((row) => row.lastRunId),
      )
      .where('state', '=', 'failed')
      .groupBy('run_id')
      .execute();
    const failed = new Map(failedVideos.map((row) => [row.run_id, Number(row.count)]));
    return rows.map((row) => ({
      configId: row.configId,
      configName: row.configName,
      count: Number(row.count),
      lastRunId: row.lastRunId,
      lastState: row.lastState === 'partial' ? 'partial' : 'failed',
      lastError: row.lastError,
      lastFailedVideos: failed.get(row.lastRunId) ?? 0,
    }));
  }

  /**
   * Posts under way that are idle since `idleSince` (and not waiting for a later time), or that
   * were allowed to start before `startedBefore` and are still not done.
   */
  async stuckTargets(now: number, idleSince: number, startedBefore: number): Promise<OpenTarget[]> {
    const rows = await this.db
      .selectFrom('distribution_targets as t')
      .leftJoin('accounts as a', 'a.id', 't.account_id')
      .select([
        't.id',
        't.platform',
        'a.handle',
        't.state',
        't.phase',
        't.created_at',
        't.updated_at',
        't.waiting_until',
      ])
      .where('t.state', 'in', openTargetStates)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('t.updated_at', '<', idleSince),
            eb.or([eb('t.waiting_until', 'is', null), eb('t.waiting_until', '<', idleSince)]),
          ]),
          eb(sql<number>`MAX(t.created_at, COALESCE(t.waiting_until, 0))`, '<', startedBefore),
        ]),
      )
      .where((eb) => eb.or([eb('t.waiting_until', 'is', null), eb('t.waiting_until', '<=', now)]))
      .orderBy('t.updated_at')
      .limit(200)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      platform: platformIdSchema.parse(row.platform),
      handle: row.handle,
      state: row.state,
      phase: row.phase,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      waitingUntil: row.waiting_until,
    }));
  }
}

import type { Kysely } from 'kysely';
import type { PlatformId } from '../../../../shared/domain/platforms';
import type { Database, DistributionTargetRow, JobRow } from '../../db/schema';
import { createTestEngine, type TestEngine } from '../../testing/test-engine';
import type { EngineOptions } from '../../engine';
import { FakeClock } from '../../testing/fake-clock';

let serial = 0;
const nextId = (prefix: string) => `${prefix}-${++serial}`;

/**
 * A real engine on a fake clock with rows written straight into the tables the alert rules and
 * the health read models read: accounts, posts, runs, jobs. `free` is the free disk space the
 * automation's disk check reads.
 */
export interface MonitoringWorld {
  t: TestEngine;
  clock: FakeClock;
  db: Kysely<Database>;
  disk: { free: number };
  account(overrides?: {
    platform?: PlatformId;
    handle?: string;
    status?: string;
    consecutiveErrors?: number;
    lastPostAt?: number | null;
    refreshExpiresAt?: number | null;
    accessExpiresAt?: number | null;
  }): Promise<string>;
  post(
    accountId: string,
    overrides?: Partial<
      Pick<
        DistributionTargetRow,
        | 'state'
        | 'error_kind'
        | 'error_message'
        | 'updated_at'
        | 'created_at'
        | 'waiting_until'
        | 'phase'
      >
    > & { title?: string; configId?: string | null },
  ): Promise<string>;
  posted(accountId: string, at: number, costUsd?: number): Promise<void>;
  config(name: string): Promise<string>;
  run(
    configId: string,
    state: 'succeeded' | 'failed' | 'partial' | 'cancelled',
    finishedAt: number,
    error?: string | null,
  ): Promise<string>;
  job(
    overrides: Partial<
      Pick<JobRow, 'kind' | 'state' | 'not_before' | 'last_error' | 'priority'>
    > & {
      finishedAt?: number | null;
      leaseExpiresAt?: number | null;
      runVideoOf?: string;
    },
  ): Promise<string>;
  /** Moves the clock a minute (the alerts' sweep runs) and waits for the alerts to settle. */
  sweep(): Promise<void>;
  dispose(): Promise<void>;
}

export async function createMonitoringWorld(
  options: Partial<EngineOptions> = {},
): Promise<MonitoringWorld> {
  const clock = new FakeClock();
  const disk = { free: 500 * 1024 ** 3 };
  const t = await createTestEngine({
    clock,
    options: {
      ...options,
      automation: { freeBytes: async () => disk.free, ...options.automation },
    },
  });
  const db = t.engine.database.db;
  return {
    t,
    clock,
    db,
    disk,
    async account(overrides = {}) {
      const id = nextId('account');
      const now = clock.now();
      await db
        .insertInto('accounts')
        .values({
          id,
          platform: overrides.platform ?? 'tiktok',
          remote_id: `remote-${id}`,
          handle: overrides.handle ?? `@${id}`,
          display_name: `Display ${id}`,
          avatar_url: null,
          status: overrides.status ?? 'active',
          status_reason: null,
          audience: 'public',
          scopes: '[]',
          access_expires_at: overrides.accessExpiresAt ?? null,
          refresh_expires_at: overrides.refreshExpiresAt ?? null,
          limit_per_hour: null,
          limit_per_day: null,
          min_gap_minutes: null,
          posts_total: 0,
          errors_total: 0,
          consecutive_errors: overrides.consecutiveErrors ?? 0,
          cost_total_usd: 0,
          rate_limited_until: null,
          last_post_at: overrides.lastPostAt ?? null,
          last_error_at: null,
          last_tested_at: null,
          connected_at: now,
          updated_at: now,
        })
        .execute();
      return id;
    },
    async post(accountId, overrides = {}) {
      const account = await db
        .selectFrom('accounts')
        .select('platform')
        .where('id', '=', accountId)
        .executeTakeFirstOrThrow();
      const videoId = nextId('video');
      const id = nextId('target');
      const now = clock.now();
      await db
        .insertInto('distribution_videos')
        .values({
          id: videoId,
          run_video_id: null,
          config_id: overrides.configId ?? null,
          title: overrides.title ?? `Clip ${videoId}`,
          file_path: '/videos/clip.mp4',
          facts: '{}',
          created_at: overrides.created_at ?? now,
        })
        .execute();
      await db
        .insertInto('distribution_targets')
        .values({
          id,
          video_id: videoId,
          account_id: accountId,
          platform: account.platform as PlatformId,
          state: overrides.state ?? 'failed',
          settings: '{}',
          phase: overrides.phase ?? null,
          error_kind: overrides.error_kind ?? (overrides.state ? null : 'content'),
          error_message:
            overrides.error_message ?? (overrides.state ? null : 'The platform refused the video.'),
          waiting_until: overrides.waiting_until ?? null,
          created_at: overrides.created_at ?? now,
          updated_at: overrides.updated_at ?? now,
        })
        .execute();
      return id;
    },
    async posted(accountId, at, costUsd = 0) {
      const account = await db
        .selectFrom('accounts')
        .select(['platform', 'handle', 'last_post_at'])
        .where('id', '=', accountId)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('account_posts')
        .values({
          id: nextId('posted'),
          account_id: accountId,
          platform: account.platform,
          account_handle: account.handle,
          posted_at: at,
          remote_post_id: null,
          cost_usd: costUsd,
          note: null,
        })
        .execute();
      await db
        .updateTable('accounts')
        .set({ last_post_at: Math.max(at, account.last_post_at ?? 0), consecutive_errors: 0 })
        .where('id', '=', accountId)
        .execute();
    },
    async config(name) {
      const id = nextId('config');
      await db
        .insertInto('configs')
        .values({
          id,
          name,
          definition: '{}',
          active: 0,
          next_run_at: null,
          created_at: clock.now(),
          updated_at: clock.now(),
        })
        .execute();
      return id;
    },
    async run(configId, state, finishedAt, error = null) {
      const id = nextId('run');
      await db
        .insertInto('config_runs')
        .values({
          id,
          config_id: configId,
          trigger: 'manual',
          scheduled_for: null,
          state,
          snapshot: '{}',
          error,
          created_at: finishedAt - 60_000,
          finished_at: finishedAt,
        })
        .execute();
      return id;
    },
    async job(overrides) {
      const id = nextId('job');
      const now = clock.now();
      const state = overrides.state ?? 'queued';
      await db
        .insertInto('jobs')
        .values({
          id,
          kind: overrides.kind ?? 'backup',
          idempotency_key: null,
          data: '{}',
          state,
          priority: overrides.priority ?? 0,
          max_attempts: 3,
          not_before: overrides.not_before ?? now,
          lease_owner: state === 'running' ? 'another-worker' : null,
          lease_expires_at: overrides.leaseExpiresAt ?? null,
          last_error: overrides.last_error ?? null,
          result: null,
          created_at: now,
          updated_at: now,
          finished_at: overrides.finishedAt ?? null,
        })
        .execute();
      if (overrides.runVideoOf) {
        await db
          .insertInto('config_run_videos')
          .values({
            id: nextId('run-video'),
            run_id: overrides.runVideoOf,
            position: 0,
            state: 'failed',
            job_id: id,
            account_ids: '[]',
            output_path: null,
            duration_ms: null,
            error: overrides.last_error ?? null,
            created_at: now,
            finished_at: now,
          })
          .execute();
      }
      return id;
    },
    async sweep() {
      clock.advance(60_000);
      await t.engine.services.alerts.idle();
    },
    dispose: () => t.dispose(),
  };
}

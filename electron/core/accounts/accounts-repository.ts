import type { Kysely } from 'kysely';
import { immediateTransaction } from '../db/immediate-transaction';
import { z } from 'zod';
import {
  accountStatusSchema,
  audienceSchema,
  errorKindSchema,
  type ErrorRecord,
  type PostRecord,
} from '../../../shared/domain/accounts';
import { platformIdSchema, type PlatformId } from '../../../shared/domain/platforms';
import type { AccountRow, AccountUpdate, Database, NewAccountRow } from '../db/schema';

/** A stored account with its columns checked on read. */
export const storedAccountSchema = z.object({
  id: z.string(),
  platform: platformIdSchema,
  remote_id: z.string(),
  handle: z.string(),
  display_name: z.string(),
  avatar_url: z.string().nullable(),
  status: accountStatusSchema,
  status_reason: z.string().nullable(),
  audience: audienceSchema,
  scopes: z.string().transform((text): string[] => {
    try {
      const parsed = z.array(z.string()).safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }),
  access_expires_at: z.number().nullable(),
  refresh_expires_at: z.number().nullable(),
  limit_per_hour: z.number().nullable(),
  limit_per_day: z.number().nullable(),
  min_gap_minutes: z.number().nullable(),
  posts_total: z.number(),
  errors_total: z.number(),
  consecutive_errors: z.number(),
  cost_total_usd: z.number(),
  rate_limited_until: z.number().nullable(),
  last_post_at: z.number().nullable(),
  last_error_at: z.number().nullable(),
  last_tested_at: z.number().nullable(),
  connected_at: z.number(),
  updated_at: z.number(),
});
export type StoredAccount = z.infer<typeof storedAccountSchema>;

function parseAccount(row: AccountRow): StoredAccount {
  return storedAccountSchema.parse(row);
}

export class AccountsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<StoredAccount[]> {
    const rows = await this.db
      .selectFrom('accounts')
      .selectAll()
      .orderBy('platform')
      .orderBy('handle')
      .execute();
    return rows.map(parseAccount);
  }

  async get(id: string): Promise<StoredAccount | null> {
    const row = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? parseAccount(row) : null;
  }

  async findByRemote(platform: PlatformId, remoteId: string): Promise<StoredAccount | null> {
    const row = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where('platform', '=', platform)
      .where('remote_id', '=', remoteId)
      .executeTakeFirst();
    return row ? parseAccount(row) : null;
  }

  async insert(row: NewAccountRow): Promise<void> {
    await this.db.insertInto('accounts').values(row).execute();
  }

  async update(id: string, patch: AccountUpdate): Promise<void> {
    await this.db.updateTable('accounts').set(patch).where('id', '=', id).execute();
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('accounts').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * Runs `work` in one `BEGIN IMMEDIATE` transaction with a repository bound to it: a pacing
   * check and its reservation cannot be overtaken by another upload.
   */
  inImmediateTransaction<T>(
    work: (repo: AccountsRepository, trx: Kysely<Database>) => Promise<T>,
  ): Promise<T> {
    return immediateTransaction(this.db, (trx) => work(new AccountsRepository(trx), trx));
  }

  /** A post, or (`reserved`) a slot held by an upload under way, under its key. */
  async addPost(
    post: PostRecord,
    hold: { reservationKey: string | null; state: 'reserved' | 'posted' } = {
      reservationKey: null,
      state: 'posted',
    },
  ): Promise<void> {
    await this.db
      .insertInto('account_posts')
      .values({
        id: post.id,
        account_id: post.accountId,
        platform: post.platform,
        account_handle: post.accountHandle,
        posted_at: post.postedAt,
        remote_post_id: post.remotePostId,
        cost_usd: post.costUsd,
        note: post.note,
        state: hold.state,
        reservation_key: hold.reservationKey,
      })
      .execute();
  }

  reservation(key: string): Promise<{ state: 'reserved' | 'posted' } | undefined> {
    return this.db
      .selectFrom('account_posts')
      .select('state')
      .where('reservation_key', '=', key)
      .executeTakeFirst();
  }

  /** The reserved slot becomes the post it was held for. False when there was none. */
  async confirmReservation(key: string, postedAt: number, remotePostId: string | null) {
    const result = await this.db
      .updateTable('account_posts')
      .set({ state: 'posted', posted_at: postedAt, remote_post_id: remotePostId })
      .where('reservation_key', '=', key)
      .where('state', '=', 'reserved')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Frees a slot whose upload posted nothing. */
  async releaseReservation(key: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('account_posts')
      .where('reservation_key', '=', key)
      .where('state', '=', 'reserved')
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async openReservations(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('account_posts')
      .select('reservation_key')
      .where('state', '=', 'reserved')
      .execute();
    return rows.flatMap((r) => (r.reservation_key === null ? [] : [r.reservation_key]));
  }

  async addError(error: ErrorRecord): Promise<void> {
    await this.db
      .insertInto('account_errors')
      .values({
        id: error.id,
        account_id: error.accountId,
        platform: error.platform,
        account_handle: error.accountHandle,
        occurred_at: error.occurredAt,
        kind: error.kind,
        code: error.code,
        message: error.message,
      })
      .execute();
  }

  /** Post times of one account since `since`, newest first; reserved slots count as posts. */
  async postTimes(accountId: string, since: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('account_posts')
      .select('posted_at')
      .where('account_id', '=', accountId)
      .where('posted_at', '>', since)
      .orderBy('posted_at', 'desc')
      .execute();
    return rows.map((r) => r.posted_at);
  }

  /** Posts of every account of a platform since `since` (for caps shared by one app). */
  async platformPosts(
    platform: PlatformId,
    since: number,
  ): Promise<Array<{ accountId: string; postedAt: number; costUsd: number }>> {
    const rows = await this.db
      .selectFrom('account_posts')
      .select(['account_id', 'posted_at', 'cost_usd'])
      .where('platform', '=', platform)
      .where('posted_at', '>', since)
      .orderBy('posted_at', 'desc')
      .execute();
    return rows.map((r) => ({
      accountId: r.account_id,
      postedAt: r.posted_at,
      costUsd: r.cost_usd,
    }));
  }

  /** Every account's posts since `since`, newest first: one read for all accounts' pacing. */
  async postsSince(
    since: number,
  ): Promise<Array<{ accountId: string; platform: string; postedAt: number; costUsd: number }>> {
    const rows = await this.db
      .selectFrom('account_posts')
      .select(['account_id', 'platform', 'posted_at', 'cost_usd'])
      .where('posted_at', '>', since)
      .orderBy('posted_at', 'desc')
      .execute();
    return rows.map((r) => ({
      accountId: r.account_id,
      platform: r.platform,
      postedAt: r.posted_at,
      costUsd: r.cost_usd,
    }));
  }

  async history(
    accountId: string,
    limit: number,
  ): Promise<{ posts: PostRecord[]; errors: ErrorRecord[] }> {
    const posts = await this.db
      .selectFrom('account_posts')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('state', '=', 'posted')
      .orderBy('posted_at', 'desc')
      .limit(limit)
      .execute();
    const errors = await this.db
      .selectFrom('account_errors')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('occurred_at', 'desc')
      .limit(limit)
      .execute();
    return {
      posts: posts.map((p) => ({
        id: p.id,
        accountId: p.account_id,
        platform: platformIdSchema.parse(p.platform),
        accountHandle: p.account_handle,
        postedAt: p.posted_at,
        remotePostId: p.remote_post_id,
        costUsd: p.cost_usd,
        note: p.note,
      })),
      errors: errors.map((e) => ({
        id: e.id,
        accountId: e.account_id,
        platform: platformIdSchema.parse(e.platform),
        accountHandle: e.account_handle,
        occurredAt: e.occurred_at,
        kind: errorKindSchema.parse(e.kind),
        code: e.code,
        message: e.message,
      })),
    };
  }

  async clientIds(): Promise<Map<string, string | null>> {
    const rows = await this.db.selectFrom('platform_apps').selectAll().execute();
    return new Map(rows.map((r) => [r.platform, r.client_id]));
  }

  async setClientId(platform: PlatformId, clientId: string, now: number): Promise<void> {
    await this.db
      .insertInto('platform_apps')
      .values({ platform, client_id: clientId, updated_at: now })
      .onConflict((oc) =>
        oc.column('platform').doUpdateSet({ client_id: clientId, updated_at: now }),
      )
      .execute();
  }

  async readConfig(key: string): Promise<unknown> {
    const row = await this.db
      .selectFrom('accounts_config')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) return undefined;
    try {
      return JSON.parse(row.value) as unknown;
    } catch {
      return undefined;
    }
  }

  async writeConfig(key: string, value: unknown, now: number): Promise<void> {
    const text = JSON.stringify(value);
    await this.db
      .insertInto('accounts_config')
      .values({ key, value: text, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now }))
      .execute();
  }
}

import {
  defaultAccountLimits,
  defaultPacingConfig,
  pacingConfigSchema,
  type Account,
  type AccountLimits,
  type ConnectionTest,
  type PacingConfig,
  type PostDecision,
} from '../../../shared/domain/accounts';
import type { QuotaUsage } from '../../../shared/domain/health';
import type { EndpointOverrides, PlatformId } from '../../../shared/domain/platforms';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { AppError } from '../errors';
import type { EnginePorts } from '../ports';
import { decideFromHistory, groupPosts, pacingAccountOf, planSlots } from './account-pacing';
import { accountView, effectiveAccount } from './account-view';
import { AccountHealth, type RecordErrorInput, type RecordPostInput } from './account-health';
import { type AccountsRepository, type StoredAccount } from './accounts-repository';
import { runConnectionTest } from './connection-test';
import { ConnectFlows } from './oauth/oauth-flow';
import { historyHorizon } from './pacing/platform-caps';
import { decidePost } from './pacing/pacing-rules';
import { quotaUsage } from './pacing/quota-usage';
import type { SlotPlanner } from './pacing/slot-planner';
import { PlatformApps } from './platform-apps';
import { providers } from './providers';
import type { ConnectedIdentity } from './providers/provider';
import { TokenService } from './token-service';

const pacingKey = 'pacing';

/** An account as the pacing rules see it. */
const SWEEP_MS = 5 * 60_000;

export interface AccountsServiceOptions {
  endpointOverrides?: EndpointOverrides;
  /** The person's time zone (from the settings) for per-hour and per-day limits. */
  timeZone(): Promise<string>;
}

/**
 * The accounts domain: connected accounts, their tokens (through TokenService), pacing and
 * health. Upload adapters use `getAccessToken`, `canPostNow`, `recordPost` and `recordError`.
 */
export class AccountsService {
  readonly repo: AccountsRepository;
  readonly apps: PlatformApps;
  readonly tokens: TokenService;
  readonly health: AccountHealth;
  readonly flows: ConnectFlows;
  private stopSweep: (() => void) | null = null;

  constructor(
    private readonly ports: Pick<
      EnginePorts,
      'clock' | 'ids' | 'logger' | 'secrets' | 'http' | 'events' | 'desktop'
    >,
    repo: AccountsRepository,
    private readonly options: AccountsServiceOptions,
  ) {
    this.repo = repo;
    const overrides = options.endpointOverrides ?? {};
    this.apps = new PlatformApps(repo, ports.secrets, ports.clock);
    this.health = new AccountHealth({
      repo,
      clock: ports.clock,
      ids: ports.ids,
      logger: ports.logger,
      config: () => this.pacing(),
      changed: (id) => this.publish(id),
    });
    this.tokens = new TokenService({
      repo,
      secrets: ports.secrets,
      apps: this.apps,
      clock: ports.clock,
      http: ports.http,
      endpointOverrides: overrides,
      logger: ports.logger,
      onInvalidGrant: (account, message) => this.health.markNeedsReconnect(account, message),
    });
    this.flows = new ConnectFlows({
      apps: this.apps,
      secrets: ports.secrets,
      clock: ports.clock,
      ids: ports.ids,
      http: ports.http,
      endpointOverrides: overrides,
      desktop: ports.desktop,
      events: ports.events,
      logger: ports.logger,
      onConnected: (platform, identities) => this.storeConnected(platform, identities),
    });
  }

  /** Renews tokens that expire soon every few minutes, until `close`. */
  startBackgroundRefresh(): void {
    const tick = () => {
      void this.tokens
        .refreshDue()
        .catch((error: unknown) =>
          this.ports.logger.warn('token sweep failed', { error: String(error) }),
        )
        .finally(() => {
          if (this.stopSweep) this.stopSweep = this.ports.clock.setTimeout(tick, SWEEP_MS);
        });
    };
    this.stopSweep = this.ports.clock.setTimeout(tick, SWEEP_MS);
  }

  async close(): Promise<void> {
    const stop = this.stopSweep;
    this.stopSweep = null;
    stop?.();
    await this.flows.closeAll();
  }

  async pacing(): Promise<PacingConfig> {
    const stored = pacingConfigSchema.partial().safeParse(await this.repo.readConfig(pacingKey));
    return { ...defaultPacingConfig, ...(stored.success ? stored.data : {}) };
  }

  async updatePacing(patch: Partial<PacingConfig>): Promise<PacingConfig> {
    const next = pacingConfigSchema.parse({ ...(await this.pacing()), ...patch });
    await this.repo.writeConfig(pacingKey, next, this.ports.clock.now());
    for (const account of await this.repo.list()) await this.publish(account.id);
    return next;
  }

  private async require(accountId: string): Promise<StoredAccount> {
    const account = await this.repo.get(accountId);
    if (!account)
      throw new AppError('NOT_FOUND', 'That account no longer exists. Refresh the list.');
    return account;
  }

  private decide(
    account: StoredAccount,
    config: PacingConfig,
    timeZone: string,
    repo: AccountsRepository = this.repo,
  ): Promise<PostDecision> {
    return decideFromHistory(repo, account, config, timeZone, this.ports.clock.now());
  }

  /**
   * The pacing rules over every account, read once, to plan many posts ahead (the queue's and
   * the calendar's planned times) and to say why a time the person picks is refused.
   */
  async slotPlanner(): Promise<SlotPlanner> {
    const config = await this.pacing();
    const timeZone = await this.options.timeZone();
    return planSlots(this.repo, config, timeZone, this.ports.clock.now());
  }

  /** Yes, or the earliest time and the reason. Slots reserved by uploads under way count. */
  async canPostNow(accountId: string): Promise<PostDecision> {
    const account = await this.require(accountId);
    return this.decide(account, await this.pacing(), await this.options.timeZone());
  }

  /**
   * Reserves a posting slot for `key` (an upload about to start) when the pacing rules allow a
   * post now, in one transaction with `claim` (the caller's own write: the upload claiming its
   * target), so both happen or neither and no other upload can take the same slot. A slot `key`
   * already holds (an upload resumed after a crash) is kept. `claim` gets the transaction's
   * handle and must use nothing else; when it throws, nothing is reserved.
   */
  async reservePostSlot(
    accountId: string,
    key: string,
    claim: (trx: Kysely<Database>) => Promise<void>,
  ): Promise<PostDecision> {
    const config = await this.pacing();
    const timeZone = await this.options.timeZone();
    return this.repo.inImmediateTransaction(async (repo, trx) => {
      const account = await repo.get(accountId);
      if (!account)
        throw new AppError('NOT_FOUND', 'That account no longer exists. Refresh the list.');
      if (!(await repo.reservation(key))) {
        const decision = await this.decide(account, config, timeZone, repo);
        if (!decision.allowed) return decision;
        await repo.addPost(
          {
            id: this.ports.ids.newId(),
            accountId,
            platform: account.platform,
            accountHandle: account.handle,
            postedAt: this.ports.clock.now(),
            remotePostId: null,
            costUsd: account.platform === 'x' ? config.xCostPerPostUsd : 0,
            note: null,
          },
          { reservationKey: key, state: 'reserved' },
        );
      }
      await claim(trx);
      return { allowed: true };
    });
  }

  /** Frees the slot `key` reserved, when its upload posted nothing. */
  async releasePostSlot(key: string): Promise<void> {
    if (await this.repo.releaseReservation(key))
      this.ports.logger.info('posting slot released', { key });
  }

  /** Keys of the slots reserved by uploads not finished yet (start-up repairs). */
  openPostSlots(): Promise<string[]> {
    return this.repo.openReservations();
  }

  /**
   * Every account with its posting decision now and how much of each limit on its posting is
   * used (the platform's quota, cap or the X budget, then the person's own limits), from one
   * read of the post history: the same answers as `list()` and `canPostNow`, without two
   * queries per account (System health, the quota alert).
   */
  async overview(): Promise<Array<{ account: Account; quotas: QuotaUsage[] }>> {
    const [config, timeZone] = [await this.pacing(), await this.options.timeZone()];
    const now = this.ports.clock.now();
    const [accounts, posts] = await Promise.all([
      this.repo.list(),
      this.repo.postsSince(historyHorizon(now, timeZone)),
    ]);
    const { byAccount, byPlatform } = groupPosts(posts);
    return Promise.all(
      accounts.map(async (stored) => {
        const accountPosts = byAccount.get(stored.id) ?? [];
        const platformPosts = byPlatform.get(stored.platform) ?? [];
        const history = { now, timeZone, accountPosts, platformPosts, config };
        const account = await this.toDto(stored, config, timeZone, (effective) =>
          decidePost({ ...history, account: pacingAccountOf(effective) }),
        );
        const quotas = quotaUsage(
          { ...history, accountId: stored.id, platform: stored.platform },
          account.limits,
        );
        return { account, quotas };
      }),
    );
  }

  private async toDto(
    account: StoredAccount,
    config: PacingConfig,
    timeZone: string,
    /** Decides from a history read once for many accounts (`overview`). */
    decided?: (effective: StoredAccount) => PostDecision,
  ): Promise<Account> {
    const store = this.ports.secrets.info();
    const effective = effectiveAccount(account, this.ports.clock.now());
    const nextPost = decided ? decided(effective) : await this.decide(effective, config, timeZone);
    return accountView(account, effective, store, nextPost);
  }

  async list(): Promise<Account[]> {
    const [config, timeZone] = [await this.pacing(), await this.options.timeZone()];
    const accounts = await this.repo.list();
    return Promise.all(accounts.map((a) => this.toDto(a, config, timeZone)));
  }

  async get(accountId: string): Promise<Account> {
    return this.toDto(
      await this.require(accountId),
      await this.pacing(),
      await this.options.timeZone(),
    );
  }

  /** Pushes the account's current state (or its removal) to every attached UI. */
  async publish(accountId: string): Promise<void> {
    const account = await this.repo.get(accountId);
    this.ports.events.emit('accounts:changed', {
      accountId,
      account: account
        ? await this.toDto(account, await this.pacing(), await this.options.timeZone())
        : null,
    });
  }

  private async storeConnected(platform: PlatformId, identities: ConnectedIdentity[]) {
    const accountIds: string[] = [];
    const now = this.ports.clock.now();
    for (const identity of identities) {
      const existing = await this.repo.findByRemote(platform, identity.remoteId);
      const profile = {
        handle: identity.handle,
        display_name: identity.displayName,
        avatar_url: identity.avatarUrl,
        audience: identity.audience,
        updated_at: now,
      };
      let id: string;
      if (existing) {
        id = existing.id;
        const reconnecting = existing.status === 'needs_reconnect' || existing.status === 'error';
        await this.repo.update(id, {
          ...profile,
          ...(reconnecting ? { status: 'active', status_reason: null, consecutive_errors: 0 } : {}),
        });
      } else {
        id = this.ports.ids.newId();
        await this.repo.insert({
          id,
          platform,
          remote_id: identity.remoteId,
          ...profile,
          status: 'active',
          status_reason: null,
          scopes: '[]',
          posts_total: 0,
          errors_total: 0,
          consecutive_errors: 0,
          cost_total_usd: 0,
          limit_per_hour: defaultAccountLimits.postsPerHour,
          limit_per_day: defaultAccountLimits.postsPerDay,
          min_gap_minutes: defaultAccountLimits.minGapMinutes,
          connected_at: now,
        });
      }
      await this.tokens.save(id, identity.tokens);
      accountIds.push(id);
      await this.publish(id);
    }
    this.ports.logger.info('accounts connected', { platform, count: accountIds.length });
    return { accountIds, names: identities.map((i) => i.handle) };
  }

  async updateLimits(accountId: string, limits: AccountLimits): Promise<Account> {
    await this.require(accountId);
    await this.repo.update(accountId, {
      limit_per_hour: limits.postsPerHour,
      limit_per_day: limits.postsPerDay,
      min_gap_minutes: limits.minGapMinutes,
      updated_at: this.ports.clock.now(),
    });
    await this.publish(accountId);
    return this.get(accountId);
  }

  async setEnabled(accountId: string, enabled: boolean): Promise<Account> {
    await this.health.setEnabled(accountId, enabled);
    return this.get(accountId);
  }

  /** Forgets the account and its tokens; its post and error history stay. */
  async remove(accountId: string): Promise<boolean> {
    const account = await this.require(accountId);
    await this.tokens.remove(accountId);
    const removed = await this.repo.remove(accountId);
    this.ports.logger.info('account removed', { accountId, platform: account.platform });
    await this.publish(accountId);
    return removed;
  }

  async test(accountId: string): Promise<ConnectionTest> {
    const account = await this.require(accountId);
    const { result, probe, verdict } = await runConnectionTest(account, {
      provider: providers[account.platform],
      context: () => this.tokens.context(account),
      getAccessToken: (options) => this.tokens.getAccessToken(accountId, options),
      scopes: async () => (await this.tokens.load(accountId))?.scopes ?? [],
      now: () => this.ports.clock.now(),
    });
    const current = await this.require(accountId);
    await this.repo.update(accountId, {
      last_tested_at: result.testedAt,
      ...(probe ? { audience: probe.audience } : {}),
      ...(verdict === 'ok' && current.status === 'error'
        ? { status: 'active', status_reason: null }
        : {}),
      ...(verdict === 'broken' && (current.status === 'active' || current.status === 'rate_limited')
        ? { status: 'error', status_reason: `The connection test failed: ${result.summary}` }
        : {}),
    });
    await this.publish(accountId);
    return result;
  }

  getAccessToken(accountId: string, options?: { forceRefresh?: boolean }): Promise<string> {
    return this.tokens.getAccessToken(accountId, options);
  }

  recordPost(accountId: string, input?: RecordPostInput): Promise<void> {
    return this.health.recordPost(accountId, input);
  }

  recordError(accountId: string, input: RecordErrorInput): Promise<void> {
    return this.health.recordError(accountId, input);
  }
}

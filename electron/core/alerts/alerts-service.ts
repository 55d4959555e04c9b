import type { EventName } from '../../../shared/contract';
import {
  type Alert,
  type AlertCounts,
  type AlertPage,
  type AlertState,
} from '../../../shared/domain/alerts';
import { navigationTargetSchema } from '../../../shared/domain/screens';
import type { CausedNotification } from '../automation/automation-module';
import type { AlertRow } from '../db/schema';
import { AppError, describeError } from '../errors';
import type { Clock, EventSink, IdGenerator, Logger, Notification } from '../ports';
import { ruleOwns, type AlertCause, type AlertRule } from './alert-rule';
import { cursorOf, parseCursor, type AlertsRepository } from './alerts-repository';

const MINUTE = 60_000;
/** Every rule looks again this often, whatever happened. */
const SWEEP_MS = MINUTE;
/** Resolved alerts stay in the inbox's history this long. */
const RESOLVED_KEPT_MS = 90 * 24 * 60 * MINUTE;
const PRUNE_EVERY_MS = 60 * MINUTE;

export interface AlertsServiceDeps {
  repository: AlertsRepository;
  rules: readonly AlertRule[];
  /** The notification gate's way out: the person's kinds switched off are dropped there. */
  deliver(notification: Notification): void;
  clock: Clock;
  ids: IdGenerator;
  events: EventSink;
  logger: Logger;
}

export function toAlert(row: AlertRow): Alert {
  const target = navigationTargetSchema.safeParse({
    screen: row.target_screen ?? undefined,
    itemId: row.target_item ?? undefined,
  });
  return {
    id: row.id,
    causeKey: row.cause_key,
    kind: row.kind,
    severity: row.severity,
    state: row.state,
    title: row.title,
    body: row.body,
    action: row.action,
    target: target.success ? target.data : null,
    count: row.count,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    acknowledgedAt: row.acknowledged_at,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
  };
}

/**
 * The alerts inbox: one open alert per cause, raised by the rules (at start-up, after the events
 * they follow, on a sweep every minute) and by any source that notifies with a cause key (the
 * notification gate hands those over). A new alert is delivered as a notification once; more
 * occurrences count on it; an alert whose cause went away is resolved. The person acknowledges
 * (still open, out of the badge) and resolves (it comes back only when the cause happens again,
 * or goes away and returns). Every change is pushed as `alerts:changed`, one at a time in order.
 */
export class AlertsService {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly dirty = new Set<AlertRule>();
  private flushing: Promise<void> | null = null;
  private sweeping: Promise<void> | null = null;
  /** Causes delivered while their alert could not be written. */
  private readonly unrecorded = new Set<string>();
  private cancelSweep: (() => void) | null = null;
  private lastPruneAt = -Infinity;
  private started = false;

  constructor(private readonly deps: AlertsServiceDeps) {}

  /** Evaluates every rule, then again every minute. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.sweep();
  }

  stop(): void {
    this.started = false;
    this.cancelSweep?.();
    this.cancelSweep = null;
  }

  /** An event the modules pushed: the rules following it look again (after the current look). */
  observe(event: EventName, payload: unknown): void {
    if (!this.started) return;
    for (const rule of this.deps.rules) {
      if (rule.follows?.(event, payload)) this.dirty.add(rule);
    }
    this.flushDirty();
  }

  /** Looks again with the rules named (all by default), now. */
  evaluate(names?: readonly string[]): Promise<void> {
    const rules = names
      ? this.deps.rules.filter((rule) => names.includes(rule.name))
      : this.deps.rules;
    return this.serial(() => this.applyRules(rules));
  }

  /** Resolves once every look and change asked for so far is done (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const chain = this.chain;
      await chain;
      if (chain === this.chain && !this.flushing) return;
    }
  }

  /**
   * A source notified with a cause key: a new alert, or one more occurrence of the open one.
   * When the alert cannot be written (the disk is full: the very thing to tell), the
   * notification is delivered anyway, once per cause until it can be written again.
   */
  raise(notification: CausedNotification): void {
    void this.serial(async () => {
      await this.raiseNow(notification);
      this.unrecorded.delete(notification.causeKey);
    }).catch((error: unknown) => {
      this.deps.logger.error('alert not raised; notifying without it', {
        causeKey: notification.causeKey,
        error: describeError(error),
      });
      if (this.unrecorded.has(notification.causeKey)) return;
      this.unrecorded.add(notification.causeKey);
      this.deps.deliver(notification);
    });
  }

  /** The source of a cause says it went away. */
  clear(causeKey: string): void {
    void this.serial(async () => {
      const active = await this.deps.repository.activeFor(causeKey);
      if (active) await this.close(active, 'source');
    }).catch((error: unknown) =>
      this.deps.logger.error('alert not resolved', { causeKey, error: describeError(error) }),
    );
  }

  async list(input: { state: AlertState; limit: number; after?: string }): Promise<AlertPage> {
    const rows = await this.deps.repository.list(
      input.state,
      input.limit + 1,
      parseCursor(input.after),
    );
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      alerts: page.map(toAlert),
      nextCursor:
        rows.length > input.limit && last
          ? cursorOf(
              (input.state === 'resolved' ? last.resolved_at : last.last_seen_at) ?? 0,
              last.id,
            )
          : null,
    };
  }

  counts(): Promise<AlertCounts> {
    return this.deps.repository.counts();
  }

  acknowledge(id: string): Promise<Alert> {
    return this.serial(async () => {
      const row = await this.require(id);
      if (row.state === 'resolved') {
        throw new AppError(
          'CONFLICT',
          'This alert is already resolved: there is nothing left to acknowledge.',
        );
      }
      if (row.state === 'acknowledged') return toAlert(row);
      const updated = await this.deps.repository.update(id, {
        state: 'acknowledged',
        acknowledged_at: this.deps.clock.now(),
      });
      this.deps.logger.info('alert acknowledged', { id, causeKey: row.cause_key });
      return this.changed(updated);
    });
  }

  resolve(id: string): Promise<Alert> {
    return this.serial(async () => {
      const row = await this.require(id);
      if (row.state === 'resolved') return toAlert(row);
      return this.close(row, 'person');
    });
  }

  private async require(id: string): Promise<AlertRow> {
    const row = await this.deps.repository.get(id);
    if (!row) {
      throw new AppError(
        'NOT_FOUND',
        'That alert no longer exists (resolved alerts are kept for 90 days). Reload the inbox.',
      );
    }
    return row;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private flushDirty(): void {
    if (this.flushing || this.dirty.size === 0) return;
    this.flushing = this.serial(async () => {
      this.flushing = null;
      const rules = [...this.dirty];
      this.dirty.clear();
      await this.applyRules(rules);
    }).catch((error: unknown) =>
      this.deps.logger.error('alert rules failed', { error: describeError(error) }),
    );
  }

  /** Every rule looks again, and old resolved alerts go; the next sweep is armed first. */
  private sweep(): Promise<void> {
    this.cancelSweep?.();
    this.cancelSweep = this.started
      ? this.deps.clock.setTimeout(() => void this.sweep(), SWEEP_MS)
      : null;
    // One sweep waits at most: a slow one is not followed by a pile of others.
    if (this.sweeping) return this.sweeping;
    const sweeping = this.serial(async () => {
      this.sweeping = null;
      await this.applyRules(this.deps.rules);
      const now = this.deps.clock.now();
      if (now - this.lastPruneAt >= PRUNE_EVERY_MS) {
        this.lastPruneAt = now;
        const pruned = await this.deps.repository.prune(now - RESOLVED_KEPT_MS);
        if (pruned > 0) this.deps.logger.info('old resolved alerts deleted', { count: pruned });
      }
    }).catch((error: unknown) =>
      this.deps.logger.error('alert sweep failed', { error: describeError(error) }),
    );
    this.sweeping = sweeping;
    return sweeping;
  }

  private async applyRules(rules: readonly AlertRule[]): Promise<void> {
    const now = this.deps.clock.now();
    const active = new Map((await this.deps.repository.active()).map((r) => [r.cause_key, r]));
    const heldBack = await this.deps.repository.heldBack();
    for (const rule of rules) {
      let causes: AlertCause[] | null;
      try {
        causes = await rule.evaluate({ now, open: (key) => active.get(key) });
      } catch (error) {
        this.deps.logger.error('alert rule failed', {
          rule: rule.name,
          error: describeError(error),
        });
        continue;
      }
      if (causes === null) continue;
      const holding = new Map(causes.map((cause) => [cause.key, cause]));
      for (const cause of holding.values()) {
        if (!ruleOwns(rule, cause.key)) {
          this.deps.logger.error('alert rule gave a key it does not own', {
            rule: rule.name,
            key: cause.key,
          });
          continue;
        }
        const open = active.get(cause.key);
        if (open) {
          active.set(cause.key, await this.refresh(open, cause, now));
          continue;
        }
        // Resolved by the person while it held: back only when it happened again.
        const resolved = heldBack.filter((row) => row.cause_key === cause.key);
        if (resolved.some((row) => cause.count <= row.count)) continue;
        active.set(cause.key, await this.open(cause, now));
      }
      for (const [key, row] of active) {
        if (ruleOwns(rule, key) && !holding.has(key)) {
          await this.close(row, 'rule');
          active.delete(key);
        }
      }
      const cleared = heldBack.filter(
        (row) => ruleOwns(rule, row.cause_key) && !holding.has(row.cause_key),
      );
      await this.deps.repository.markCleared(cleared.map((row) => row.id));
    }
  }

  /** An open alert whose cause still holds: its words follow the rule, its count grows. */
  private async refresh(row: AlertRow, cause: AlertCause, now: number): Promise<AlertRow> {
    const grew = cause.count > row.count;
    const patch = {
      ...(row.title !== cause.title ? { title: cause.title } : {}),
      ...(row.body !== cause.body ? { body: cause.body } : {}),
      ...(row.action !== cause.action ? { action: cause.action } : {}),
      ...(row.severity !== cause.severity ? { severity: cause.severity } : {}),
      ...(row.target_screen !== (cause.target?.screen ?? null) ||
      row.target_item !== (cause.target?.itemId ?? null)
        ? { target_screen: cause.target?.screen ?? null, target_item: cause.target?.itemId ?? null }
        : {}),
      ...(grew ? { count: cause.count, last_seen_at: now } : {}),
    };
    if (Object.keys(patch).length === 0) return row;
    const updated = await this.deps.repository.update(row.id, patch);
    await this.changed(updated);
    return updated;
  }

  private async open(cause: AlertCause, now: number): Promise<AlertRow> {
    const row = await this.deps.repository.insert({
      id: this.deps.ids.newId(),
      cause_key: cause.key,
      kind: cause.kind,
      severity: cause.severity,
      state: 'open',
      title: cause.title,
      body: cause.body,
      action: cause.action,
      target_screen: cause.target?.screen ?? null,
      target_item: cause.target?.itemId ?? null,
      count: Math.max(1, cause.count),
      first_seen_at: now,
      last_seen_at: now,
      acknowledged_at: null,
      resolved_at: null,
      resolved_by: null,
    });
    this.deps.logger.info('alert opened', { id: row.id, causeKey: row.cause_key });
    const alert = await this.changed(row);
    this.deps.deliver({
      kind: alert.kind,
      causeKey: alert.causeKey,
      level: alert.severity,
      title: alert.title,
      body: alert.action ? `${alert.body} ${alert.action}` : alert.body,
      ...(alert.target ? { target: alert.target } : {}),
      alertId: alert.id,
    });
    return row;
  }

  private async raiseNow(notification: CausedNotification): Promise<void> {
    const now = this.deps.clock.now();
    const active = await this.deps.repository.activeFor(notification.causeKey);
    if (active) {
      const updated = await this.deps.repository.update(active.id, {
        count: active.count + 1,
        last_seen_at: now,
        title: notification.title,
        body: notification.body,
      });
      await this.changed(updated);
      return;
    }
    await this.open(
      {
        key: notification.causeKey,
        kind: notification.kind ?? 'notice',
        severity: notification.level,
        title: notification.title,
        body: notification.body,
        action: null,
        target: notification.target ?? null,
        count: 1,
      },
      now,
    );
  }

  private async close(row: AlertRow, by: 'rule' | 'person' | 'source'): Promise<Alert> {
    const updated = await this.deps.repository.update(row.id, {
      state: 'resolved',
      resolved_at: this.deps.clock.now(),
      resolved_by: by,
      cause_cleared: 0,
    });
    this.deps.logger.info('alert resolved', { id: row.id, causeKey: row.cause_key, by });
    return this.changed(updated);
  }

  private async changed(row: AlertRow): Promise<Alert> {
    const alert = toAlert(row);
    this.deps.events.emit('alerts:changed', { alert, counts: await this.counts() });
    return alert;
  }
}

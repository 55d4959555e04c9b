import type { EventName } from '../../../shared/contract';
import type { AlertSeverity } from '../../../shared/domain/alerts';
import type { NavigationTarget } from '../../../shared/domain/screens';
import type { AlertRow } from '../db/schema';

/** A cause that holds now, as a rule sees it: an alert is open for it while it holds. */
export interface AlertCause {
  key: string;
  /** The notification kind (Settings → Notifications). */
  kind: string;
  severity: AlertSeverity;
  title: string;
  /** What happened. */
  body: string;
  /** What to do; null when waiting is all there is. */
  action: string | null;
  target: NavigationTarget | null;
  /** How many times it happened (posts failed in a row, jobs overdue); 1 for a state. */
  count: number;
}

export interface RuleContext {
  now: number;
  /** The alert open (or acknowledged) for a cause key, if any: hysteresis and wording. */
  open(key: string): AlertRow | undefined;
}

/**
 * One alert rule: it decides the cause keys it names (`keys`: exact keys, or prefixes ending in
 * `:`). It is evaluated at start-up, on a periodic sweep, and after the events it follows; an
 * open alert of its keys whose cause is no longer among its answer is resolved.
 */
export interface AlertRule {
  name: string;
  keys: readonly string[];
  /** The events after which it looks again (their payloads may narrow it down). */
  follows?(event: EventName, payload: unknown): boolean;
  /** Every cause that holds now; null when it cannot tell, so nothing changes. */
  evaluate(context: RuleContext): Promise<AlertCause[] | null>;
}

export function ruleOwns(rule: AlertRule, causeKey: string): boolean {
  return rule.keys.some((key) => (key.endsWith(':') ? causeKey.startsWith(key) : causeKey === key));
}

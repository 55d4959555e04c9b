import type { Generated } from 'kysely';

export interface AlertsTable {
  id: string;
  cause_key: string;
  /** The notification kind (Settings → Notifications) or another source's kind. */
  kind: string;
  severity: 'info' | 'warning' | 'error';
  state: 'open' | 'acknowledged' | 'resolved';
  title: string;
  body: string;
  action: string | null;
  target_screen: string | null;
  target_item: string | null;
  count: Generated<number>;
  first_seen_at: number;
  last_seen_at: number;
  acknowledged_at: number | null;
  resolved_at: number | null;
  resolved_by: 'rule' | 'person' | 'source' | null;
  /** 1 once the cause of an alert the person resolved went away (a return opens a new one). */
  cause_cleared: Generated<number>;
}

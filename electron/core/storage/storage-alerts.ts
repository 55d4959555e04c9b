import type { Notification, Notifier } from '../ports';

/** The causes storage and backups raise, each at most once while it lasts. */
export const storageCauses = {
  driveLowSpace: 'storage:drive-low-space',
  driveFull: 'storage:drive-full',
  driveReconnect: 'storage:drive-reconnect',
  backupFailed: 'backup:failed',
} as const;
export type StorageCause = (typeof storageCauses)[keyof typeof storageCauses];

/**
 * Where storage and backups raise what the person should know (low space on Drive, a connection
 * to redo, a failed backup): wired at composition to the engine's notification gate or the
 * alerts of the statistics domain. `notify` is once per cause until `resolve` says the cause went
 * away (space freed, Drive reconnected, a backup made), as the gate does with its cause keys.
 */
export interface StorageAlerts {
  notify(causeKey: StorageCause, alert: Pick<Notification, 'level' | 'title' | 'body'>): void;
  resolve(causeKey: StorageCause): void;
}

/** Storage alerts as notices through a plain notifier, once per cause while it lasts. */
export function notifierAlerts(notifier: Notifier): StorageAlerts {
  const active = new Set<StorageCause>();
  return {
    notify(causeKey, alert) {
      if (active.has(causeKey)) return;
      active.add(causeKey);
      notifier.notify(alert);
    },
    resolve(causeKey) {
      active.delete(causeKey);
    },
  };
}

import type { EventName, EventPayload } from '../../../shared/contract';
import { causeKeys } from '../../../shared/domain/notifications';
import { platformNames } from '../../../shared/domain/platforms';
import type { Notifier } from '../ports';

/** Free space must climb this far above the threshold before a new warning can be given. */
const LOW_DISK_HYSTERESIS = 1.25;

function gigabytes(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/**
 * When the engine tells the person about a failure on its own, from the events the domains push:
 * a post that failed for good (its retries stay quiet: the target is only `failed` once they are
 * used up), a config run that failed, a disk that is nearly full. The accounts domain notifies
 * about accounts itself; this policy only says when their causes are gone. The gate in front of
 * the notifier keeps each cause to one notification.
 */
export class NotificationPolicy {
  constructor(private readonly gate: Notifier & { resolve(causeKey: string): void }) {}

  observe(event: EventName, payload: unknown): void {
    if (event === 'distribution:targetUpdated') {
      this.targetUpdated(payload as EventPayload<'distribution:targetUpdated'>);
    } else if (event === 'accounts:changed') {
      this.accountChanged(payload as EventPayload<'accounts:changed'>);
    } else if (event === 'configs:runUpdated') {
      this.runUpdated(payload as EventPayload<'configs:runUpdated'>);
    }
  }

  /** Called with the free space where the data lives, after each disk check. */
  diskChecked(freeBytes: number, thresholdBytes: number, dataDir: string): void {
    if (freeBytes >= thresholdBytes * LOW_DISK_HYSTERESIS) {
      this.gate.resolve(causeKeys.lowDisk);
      return;
    }
    if (freeBytes >= thresholdBytes) return;
    this.gate.notify({
      kind: 'lowDisk',
      causeKey: causeKeys.lowDisk,
      level: 'warning',
      title: 'Disk nearly full',
      body: `Only ${gigabytes(freeBytes)} is free on the disk holding ReelPilot's data (${dataDir}). Renders and uploads may fail: free some space, or move the data folder in Settings.`,
      target: { screen: 'settings' },
    });
  }

  private targetUpdated(target: EventPayload<'distribution:targetUpdated'>): void {
    const causeKey = causeKeys.postFailed(target.id);
    if (target.state !== 'failed') {
      this.gate.resolve(causeKey);
      return;
    }
    const where = `${platformNames[target.platform]}${target.accountHandle ? ` (${target.accountHandle})` : ''}`;
    const action = target.suggestedAction ? ` ${target.suggestedAction}` : '';
    this.gate.notify({
      kind: 'postFailed',
      causeKey,
      level: 'error',
      title: `A post to ${where} failed`,
      body: `${target.errorMessage ?? 'The platform refused the post.'}${action}`,
      target: { screen: 'distribution', itemId: target.id },
    });
  }

  private accountChanged({ accountId, account }: EventPayload<'accounts:changed'>): void {
    if (account?.status !== 'needs_reconnect') {
      this.gate.resolve(causeKeys.accountReconnect(accountId));
    }
    if (account?.status !== 'disabled') this.gate.resolve(causeKeys.accountDisabled(accountId));
  }

  private runUpdated(run: EventPayload<'configs:runUpdated'>): void {
    if (run.state !== 'failed' && run.state !== 'partial') return;
    const failed = run.videos.filter((video) => video.state === 'failed').length;
    this.gate.notify({
      kind: 'runFailed',
      causeKey: causeKeys.runFailed(run.id),
      level: run.state === 'failed' ? 'error' : 'warning',
      title:
        run.state === 'failed'
          ? `“${run.configName}” run failed`
          : `“${run.configName}” run finished with ${failed} failed ${failed === 1 ? 'video' : 'videos'}`,
      body: run.error ?? 'See the run history for what went wrong.',
      target: { screen: 'configs', itemId: run.configId },
    });
  }
}

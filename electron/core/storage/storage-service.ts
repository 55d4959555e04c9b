import { statSync } from 'node:fs';
import { formatBytes } from '../../../shared/domain/byte-size';
import type { ConnectStart } from '../../../shared/domain/accounts';
import type { DriveQuota, DriveUpload, StorageStatus } from '../../../shared/domain/storage';
import type { DriveUploadKind } from '../db/schema';
import { describeError } from '../errors';
import type { Clock, EventSink, Logger, Paths } from '../ports';
import type { DriveClient, DriveFileInfo, DriveFileQuery } from '../platforms/drive/drive-client';
import type { ReadContext } from '../platforms/platform-adapter';
import type { RenderedVideo, RenderedVideoReceiver } from '../runs/runs-module';
import { latestPush } from '../runtime/latest-push';
import { wallTimeAt } from '../time/zoned-time';
import type { DriveConnection } from './drive-connection';
import type { DriveFolders } from './drive-folders';
import {
  KIND_PROPERTY,
  toDriveUpload,
  type DriveUploads,
  type UploadRequest,
} from './drive-uploads';
import { freeDriveBytes, isLowSpace, type StorageUsage } from './drive-usage';
import { storageCauses, type StorageAlerts } from './storage-alerts';

const USAGE_REFRESH_MS = 30 * 60_000;
const FLUSH_MS = 10_000;

export interface StorageServiceDeps {
  client: DriveClient;
  connection: DriveConnection;
  folders: DriveFolders;
  uploads: DriveUploads;
  usage: StorageUsage;
  paths: Paths;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  alerts: StorageAlerts;
  timeZone(): Promise<string>;
}

/** Files a config asked to keep on Drive: `Renders/YYYY-MM/<title> <date>.mp4`. */
function renderFileName(video: RenderedVideo, timeZone: string): { name: string; month: string } {
  const wall = wallTimeAt(video.at, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const month = `${wall.year}-${pad(wall.month)}`;
  const stamp = `${month}-${pad(wall.day)} ${pad(wall.hour)}.${pad(wall.minute)}`;
  const title =
    video.title
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || 'Video';
  const place = video.count > 1 ? ` (${video.position + 1} of ${video.count})` : '';
  return { name: `${title} ${stamp}${place}.mp4`, month };
}

/**
 * Google Drive as ReelPilot's storage: the connection, the folders, uploads, and what space and
 * API use look like. Other modules use it through `drive` (files ReelPilot made) and `uploads`.
 */
export class StorageService {
  private lastQuotaError: string | null = null;
  private stopRefresh: (() => void) | null = null;
  private stopFlush: (() => void) | null = null;
  private announcing: ReturnType<Clock['setTimeout']> | null = null;
  private readonly connectedListeners: Array<() => void> = [];
  private stopped = false;
  private cancelUsageRead: (() => void) | null = null;
  /** A status read that began before the last one pushed is not pushed over it. */
  private readonly pushStatus = latestPush(
    () => this.status(),
    (status) => this.deps.events.emit('storage:changed', status),
  );
  /** Background work (a refresh, a push) that `stop` waits for before the database closes. */
  private readonly background = new Set<Promise<unknown>>();

  constructor(private readonly deps: StorageServiceDeps) {}

  /** An authorized context for Drive calls, with the connection's tokens. */
  private auth(signal?: AbortSignal): ReadContext {
    return {
      getAccessToken: (options) => this.deps.connection.getAccessToken(options),
      ...(signal ? { signal } : {}),
    };
  }

  async status(): Promise<StorageStatus> {
    const { connection, folders, usage, uploads } = this.deps;
    const described = await connection.describe();
    const connected = described.state !== 'disconnected';
    const counts = await uploads.counts();
    return {
      connection: described,
      folders: connected ? await folders.known() : [],
      quota: connected ? await usage.quota() : null,
      quotaError: connected ? this.lastQuotaError : null,
      local: await usage.local(),
      api: await usage.api(),
      uploads: {
        recent: await uploads.recent(10),
        active: counts.active,
        failed: counts.failed,
      },
    };
  }

  private track(work: Promise<unknown>, what: string): void {
    const tracked = work.catch((error: unknown) =>
      this.deps.logger.warn(what, { error: describeError(error) }),
    );
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }

  /** Pushes the status to the screens, at most every quarter second. */
  announce(): void {
    if (this.announcing || this.stopped) return;
    this.announcing = this.deps.clock.setTimeout(() => {
      this.announcing = null;
      if (this.stopped) return;
      this.track(this.pushStatus(), 'storage status not pushed');
    }, 250);
  }

  connect(options: { allowInsecureStorage?: boolean }): Promise<ConnectStart> {
    return this.deps.connection.connect(options);
  }

  cancelConnect(flowId: string): boolean {
    return this.deps.connection.cancel(flowId);
  }

  async disconnect(): Promise<StorageStatus> {
    await this.deps.connection.disconnect();
    return this.status();
  }

  /** What happens when the connection changed: another account forgets the old folders. */
  connectionChanged(change: { previousEmail: string | null; email: string | null }): void {
    this.track(this.applyConnectionChange(change), 'Drive connection change not applied');
  }

  private async applyConnectionChange(change: {
    previousEmail: string | null;
    email: string | null;
  }) {
    if (change.email === null || change.previousEmail !== change.email) {
      await this.deps.folders.forget();
      await this.deps.usage.forgetQuota();
      this.lastQuotaError = null;
      this.deps.alerts.resolve(storageCauses.driveLowSpace);
      this.deps.alerts.resolve(storageCauses.driveFull);
    }
    if (change.email === null) this.deps.alerts.resolve(storageCauses.driveReconnect);
    if (change.email !== null && (await this.deps.connection.isConnected())) {
      this.deps.alerts.resolve(storageCauses.driveReconnect);
      await this.refreshUsage();
      await this.deps.uploads.resumeWaiting('connection');
      for (const listener of this.connectedListeners) listener();
    }
    this.announce();
  }

  needsReconnect(message: string): void {
    this.deps.alerts.notify(storageCauses.driveReconnect, {
      level: 'warning',
      title: 'Google Drive needs reconnecting',
      body: `${message}. Backups stay on this computer until you reconnect Drive in Settings → Storage & backup.`,
    });
    this.announce();
  }

  /**
   * Asks Drive for the storage quota and the size of ReelPilot's own files; remembers them with
   * the time, raises a low-space alert, and sends uploads that now fit.
   */
  async refreshUsage(): Promise<StorageStatus> {
    if (!(await this.deps.connection.isConnected())) return this.status();
    try {
      const auth = this.auth();
      const about = await this.deps.client.about(auth);
      let reelpilotBytes = 0;
      for (const kind of ['backup', 'render'] satisfies DriveUploadKind[]) {
        const files = await this.deps.client.listFiles(
          { appProperties: { [KIND_PROPERTY]: kind }, folders: false },
          auth,
        );
        for (const file of files) reelpilotBytes += file.sizeBytes ?? 0;
      }
      const limitBytes = about.quota.limitBytes ?? null;
      const quota: DriveQuota = {
        limitBytes,
        usageBytes: about.quota.usageBytes,
        usageInDriveBytes: about.quota.usageInDriveBytes,
        trashBytes: about.quota.trashBytes,
        reelpilotBytes,
        checkedAt: this.deps.clock.now(),
        lowSpace: isLowSpace({ limitBytes, usageBytes: about.quota.usageBytes }),
      };
      await this.deps.usage.saveQuota(quota);
      this.lastQuotaError = null;
      this.watchLowSpace(quota);
      const free = freeDriveBytes(quota);
      await this.deps.uploads.resumeWaiting('space', (row) => row.size_bytes <= free);
      if ((await this.deps.uploads.waitingFor('space')) === 0)
        this.deps.alerts.resolve(storageCauses.driveFull);
    } catch (error) {
      this.lastQuotaError = `Drive's storage figures could not be read: ${describeError(error)}`;
      this.deps.logger.warn('Drive usage not refreshed', { error: describeError(error) });
    }
    this.announce();
    return this.status();
  }

  private watchLowSpace(quota: DriveQuota): void {
    if (!quota.lowSpace) {
      this.deps.alerts.resolve(storageCauses.driveLowSpace);
      return;
    }
    const free = Math.max(0, freeDriveBytes(quota));
    this.deps.alerts.notify(storageCauses.driveLowSpace, {
      level: 'warning',
      title: 'Google Drive is almost full',
      body: `${formatBytes(free)} is free on Google Drive. Backups and renders stop being copied there once it is full: empty Drive's trash or free up space.`,
    });
  }

  /** An upload finished: Drive's figures moved; read them again once uploads settle. */
  uploadFinished(): void {
    this.announce();
    if (this.stopped) return;
    this.cancelUsageRead?.();
    this.cancelUsageRead = this.deps.clock.setTimeout(() => {
      this.cancelUsageRead = null;
      if (!this.stopped) this.track(this.refreshUsage(), 'Drive usage not refreshed');
    }, 2_000);
  }

  /** An upload was put off for lack of room on Drive. */
  outOfSpace(needed: number, free: number): void {
    this.deps.alerts.notify(storageCauses.driveFull, {
      level: 'warning',
      title: 'Google Drive has no room',
      body: `A file of ${formatBytes(needed)} waits: ${formatBytes(Math.max(0, free))} is free on Google Drive. Free up space (or buy more); ReelPilot sends it once there is room.`,
    });
    this.announce();
  }

  /** The cached quota, read again from Drive when older than `maxAgeMs`; null when unknown. */
  async currentQuota(maxAgeMs: number): Promise<DriveQuota | null> {
    const cached = await this.deps.usage.quota();
    if (cached && this.deps.clock.now() - cached.checkedAt <= maxAgeMs) return cached;
    await this.refreshUsage();
    return (await this.deps.usage.quota()) ?? cached;
  }

  async retryUpload(id: string): Promise<DriveUpload> {
    return toDriveUpload(await this.deps.uploads.retry(id));
  }

  /* ------------------------------------------------ for other modules (backups) */

  /** Drive was connected (or reconnected): what waited for it may go. */
  onConnected(listener: () => void): void {
    this.connectedListeners.push(listener);
  }

  isConnected(): Promise<boolean> {
    return this.deps.connection.isConnected();
  }

  enqueueUpload(request: UploadRequest): Promise<DriveUpload> {
    return this.deps.uploads.enqueue(request).then(toDriveUpload);
  }

  cancelUpload(kind: DriveUploadKind, sourceId: string): Promise<void> {
    return this.deps.uploads.cancel(kind, sourceId);
  }

  uploadOf(kind: DriveUploadKind, sourceId: string): Promise<DriveUpload | null> {
    return this.deps.uploads.of(kind, sourceId);
  }

  /** Files ReelPilot made on Drive (with the connection's tokens). */
  readonly drive = {
    list: (query: DriveFileQuery, signal?: AbortSignal): Promise<DriveFileInfo[]> =>
      this.deps.client.listFiles(query, this.auth(signal)),
    get: (fileId: string, signal?: AbortSignal): Promise<DriveFileInfo | null> =>
      this.deps.client.getFile(fileId, this.auth(signal)),
    delete: async (fileId: string): Promise<'deleted' | 'gone'> => {
      const result = await this.deps.client.deleteFile(fileId, this.auth());
      this.announce();
      return result;
    },
    download: (
      request: {
        fileId: string;
        targetPath: string;
        sizeBytes: number;
        onProgress?: (received: number, total: number) => void;
      },
      signal?: AbortSignal,
    ): Promise<void> => this.deps.client.download(request, this.auth(signal)),
  };

  /** Receives rendered videos: the ones whose config asks for it are copied to Drive. */
  renderReceiver(): RenderedVideoReceiver {
    return {
      receive: async (video) => {
        if (!video.config.storage?.uploadRendersToDrive) return;
        const { name, month } = renderFileName(video, await this.deps.timeZone());
        statSync(video.outputPath);
        await this.deps.uploads.enqueue({
          kind: 'render',
          sourceId: video.runVideoId,
          filePath: video.outputPath,
          name,
          mimeType: 'video/mp4',
          folderKey: `renders/${month}`,
          appProperties: { configId: video.configId },
        });
      },
      received: async (runVideoId) => (await this.deps.uploads.of('render', runVideoId)) !== null,
    };
  }

  /** Refreshes the usage figures every half hour and writes the API counts every few seconds. */
  start(): void {
    this.stopped = false;
    const refresh = () => {
      if (this.stopped) return;
      this.track(
        this.refreshUsage().finally(() => {
          if (this.stopRefresh)
            this.stopRefresh = this.deps.clock.setTimeout(refresh, USAGE_REFRESH_MS);
        }),
        'Drive usage not refreshed',
      );
    };
    this.stopRefresh = this.deps.clock.setTimeout(refresh, 5_000);
    const flush = () => {
      if (this.stopped) return;
      this.track(
        this.deps.usage.flush().finally(() => {
          if (this.stopFlush) this.stopFlush = this.deps.clock.setTimeout(flush, FLUSH_MS);
        }),
        'Drive API usage not saved',
      );
    };
    this.stopFlush = this.deps.clock.setTimeout(flush, FLUSH_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const refresh = this.stopRefresh;
    const flush = this.stopFlush;
    this.stopRefresh = null;
    this.stopFlush = null;
    refresh?.();
    flush?.();
    this.announcing?.();
    this.announcing = null;
    this.cancelUsageRead?.();
    this.cancelUsageRead = null;
    await this.deps.connection.closeFlows();
    await Promise.allSettled([...this.background]);
    await this.deps.usage.flush();
  }
}

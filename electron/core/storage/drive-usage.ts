import { existsSync, readdirSync, statSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import path from 'node:path';
import {
  driveQuotaSchema,
  type ApiUsage,
  type DriveQuota,
  type LocalDisk,
} from '../../../shared/domain/storage';
import type { Clock, Paths } from '../ports';
import { wallTimeAt } from '../time/zoned-time';
import type { StorageRepository } from './storage-repository';

/** Google's documented per-user limit for the Drive API. */
export const DRIVE_QUERIES_PER_MINUTE = 12_000;
/** Drive accepts at most this much uploaded (or copied) per user and day. */
export const DRIVE_DAILY_UPLOAD_BYTES = 750 * 1024 ** 3;
const GiB = 1024 ** 3;

/** Low: less than 1 GiB, or less than a tenth of the storage, is free. */
export function isLowSpace(quota: { limitBytes: number | null; usageBytes: number }): boolean {
  if (quota.limitBytes === null) return false;
  const free = quota.limitBytes - quota.usageBytes;
  return free < GiB || free < quota.limitBytes / 10;
}

export function freeDriveBytes(quota: Pick<DriveQuota, 'limitBytes' | 'usageBytes'>): number {
  return quota.limitBytes === null ? Number.POSITIVE_INFINITY : quota.limitBytes - quota.usageBytes;
}

/** Google's quota days end at midnight Pacific time. */
export function pacificDay(instant: number): string {
  const wall = wallTimeAt(instant, 'America/Los_Angeles');
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

const quotaCacheKey = 'drive.quota';

/**
 * What ReelPilot knows about space and API use: Drive's quota as last read (kept with its age,
 * so it shows after a restart), the API calls of the last minute (in memory) and of the day
 * (counted in memory, written every few seconds), and the local disk.
 */
export class StorageUsage {
  private readonly recentCalls: number[] = [];
  private unsavedCalls = 0;
  private unsavedBytes = 0;
  private unsavedDay: string | null = null;

  constructor(
    private readonly deps: { repository: StorageRepository; clock: Clock; paths: Paths },
  ) {}

  /** Counts one request to Drive. */
  countCall(): void {
    const now = this.deps.clock.now();
    this.recentCalls.push(now);
    while ((this.recentCalls[0] ?? now) <= now - 60_000) this.recentCalls.shift();
    this.rollDay(now);
    this.unsavedCalls += 1;
  }

  countUploadedBytes(bytes: number): void {
    this.rollDay(this.deps.clock.now());
    this.unsavedBytes += bytes;
  }

  private rollDay(now: number): void {
    const day = pacificDay(now);
    if (this.unsavedDay !== null && this.unsavedDay !== day) void this.flush();
    this.unsavedDay = day;
  }

  /** Writes the counts of the day; called every few seconds and on stop. */
  async flush(): Promise<void> {
    const day = this.unsavedDay;
    const calls = this.unsavedCalls;
    const bytes = this.unsavedBytes;
    if (day === null || (calls === 0 && bytes === 0)) return;
    this.unsavedCalls = 0;
    this.unsavedBytes = 0;
    await this.deps.repository.addApiUsage(day, calls, bytes, this.deps.clock.now());
  }

  async api(): Promise<ApiUsage> {
    const now = this.deps.clock.now();
    const day = pacificDay(now);
    const stored = await this.deps.repository.apiUsage(day);
    const pending = this.unsavedDay === day;
    return {
      lastMinute: this.recentCalls.filter((at) => at > now - 60_000).length,
      today: stored.calls + (pending ? this.unsavedCalls : 0),
      perMinuteLimit: DRIVE_QUERIES_PER_MINUTE,
      uploadedTodayBytes: stored.uploadedBytes + (pending ? this.unsavedBytes : 0),
      dailyUploadLimitBytes: DRIVE_DAILY_UPLOAD_BYTES,
    };
  }

  async quota(): Promise<DriveQuota | null> {
    const parsed = driveQuotaSchema.safeParse(await this.deps.repository.read(quotaCacheKey));
    return parsed.success ? parsed.data : null;
  }

  async saveQuota(quota: DriveQuota): Promise<void> {
    await this.deps.repository.write(quotaCacheKey, quota, this.deps.clock.now());
  }

  async forgetQuota(): Promise<void> {
    await this.deps.repository.remove(quotaCacheKey);
  }

  async local(): Promise<LocalDisk> {
    const { paths } = this.deps;
    let totalBytes: number | null = null;
    let freeBytes: number | null = null;
    try {
      const disk = await statfs(paths.dataDir);
      totalBytes = disk.blocks * disk.bsize;
      freeBytes = disk.bavail * disk.bsize;
    } catch {
      // Some file systems do not say; the screen shows the folder's own figures only.
    }
    const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
    const backupsDir = path.join(paths.dataDir, 'backups');
    let backupsBytes = 0;
    if (existsSync(backupsDir)) {
      for (const entry of readdirSync(backupsDir, { withFileTypes: true }))
        if (entry.isFile()) backupsBytes += size(path.join(backupsDir, entry.name));
    }
    return {
      dataDir: paths.dataDir,
      totalBytes,
      freeBytes,
      databaseBytes: size(paths.dbFile) + size(`${paths.dbFile}-wal`),
      backupsBytes,
    };
  }
}

import { defaultAccountLimits, type Account } from '../../../shared/domain/accounts';
import type { AppInfo } from '../../../shared/domain/app-info';
import type { Config, ConfigDraft, ConfigRun } from '../../../shared/domain/configs';
import type { DistributionTarget, DistributionVideo } from '../../../shared/domain/distribution';
import type { MediaItem } from '../../../shared/domain/media';
import { platformIds, type PlatformId } from '../../../shared/domain/platforms';
import type { Settings } from '../../../shared/domain/settings';
import {
  defaultBackupSettings,
  type BackupEntry,
  type BackupStatus,
} from '../../../shared/domain/backup';
import type { DriveUpload, StorageStatus } from '../../../shared/domain/storage';

/**
 * Contract-valid answers for component tests, each with the fields a test cares about given
 * as overrides. The fake Api checks every answer against the contract, so these stay honest.
 */
const at = Date.UTC(2026, 0, 15, 9, 0);

export function anAccount(overrides: Partial<Account> = {}): Account {
  return {
    id: 'account-1',
    platform: 'youtube',
    remoteId: 'remote-1',
    handle: '@sunny',
    displayName: 'Sunny Days',
    avatarUrl: null,
    status: 'active',
    statusReason: null,
    audience: 'public',
    limits: defaultAccountLimits,
    counters: { postsTotal: 3, errorsTotal: 0, consecutiveErrors: 0, costTotalUsd: 0 },
    token: {
      scopes: ['upload'],
      accessExpiresAt: null,
      refreshExpiresAt: null,
      protectedBy: 'the system keyring',
      secure: true,
    },
    nextPost: { allowed: true },
    rateLimitedUntil: null,
    lastPostAt: null,
    lastErrorAt: null,
    lastTestedAt: null,
    connectedAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function aConfigDraft(overrides: Partial<ConfigDraft> = {}): ConfigDraft {
  const platform: ConfigDraft['platforms']['youtube'] = {
    enabled: false,
    titleTemplate: '{title}',
    captionTemplate: '{title}',
    hashtags: [],
    privacy: 'public',
    madeForKids: false,
  };
  return {
    name: 'Morning beach',
    schedule: {
      rule: { kind: 'daily', times: ['09:00'] },
      timeZone: 'UTC',
      startDate: null,
      endDate: null,
    },
    content: {
      sources: { tags: ['beach'], folders: [], itemIds: [] },
      clipCount: 3,
      order: 'random',
      lengthSeconds: 15,
      stylePreset: 'clean',
      motion: 'kenBurnsIn',
      transition: { type: 'crossfade', durationMs: 500 },
      textOverlay: {
        enabled: false,
        template: '{title}',
        font: 'DejaVu Sans',
        size: 56,
        color: '#ffffff',
        position: 'bottom',
        box: { enabled: true, color: '#000000', opacity: 0.5 },
      },
      audio: { source: { kind: 'none' }, volume: 0.8, fadeInMs: 500, fadeOutMs: 1000 },
      aspect: '9:16',
    },
    platforms: Object.fromEntries(
      platformIds.map((id) => [id, platform]),
    ) as ConfigDraft['platforms'],
    distribution: { strategy: 'roundRobin', accountIds: [], weights: {}, videosPerRun: 1 },
    storage: { uploadRendersToDrive: false },
    ...overrides,
  };
}

export function aConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...aConfigDraft(),
    id: 'config-1',
    active: true,
    nextRunAt: at + 86_400_000,
    lastRun: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function aRun(overrides: Partial<ConfigRun> = {}): ConfigRun {
  return {
    id: 'run-1',
    configId: 'config-1',
    configName: 'Morning beach',
    trigger: 'manual',
    scheduledFor: null,
    missedCount: 0,
    state: 'running',
    error: null,
    createdAt: at,
    finishedAt: null,
    videos: [],
    ...overrides,
  };
}

export function aTarget(overrides: Partial<DistributionTarget> = {}): DistributionTarget {
  return {
    id: 'target-1',
    videoId: 'video-1',
    accountId: 'account-1',
    accountHandle: '@sunny',
    platform: 'youtube',
    state: 'success',
    phase: null,
    sentBytes: 0,
    totalBytes: 0,
    remoteId: 'remote-post-1',
    url: 'https://example.test/post/1',
    notices: [],
    errorKind: null,
    errorMessage: null,
    suggestedAction: null,
    attempts: 1,
    waitingUntil: null,
    publishedAt: at,
    latestMetrics: null,
    updatedAt: at,
    ...overrides,
  };
}

export function aVideo(
  overrides: Partial<DistributionVideo> = {},
  platforms: PlatformId[] = ['youtube'],
): DistributionVideo {
  const id = overrides.id ?? 'video-1';
  return {
    id,
    title: 'Morning beach #1',
    configId: 'config-1',
    status: 'success',
    createdAt: at,
    targets: platforms.map((platform) =>
      aTarget({ id: `${id}-${platform}`, videoId: id, platform }),
    ),
    ...overrides,
  };
}

export function aMediaItem(overrides: Partial<MediaItem> = {}): MediaItem {
  const id = overrides.id ?? 'media-1';
  return {
    id,
    path: `/pictures/${overrides.name ?? `${id}.png`}`,
    name: `${id}.png`,
    kind: 'image',
    size: 2048,
    contentHash: 'abcdef0123456789',
    mime: 'image/png',
    durationMs: null,
    width: 640,
    height: 480,
    rotation: 0,
    videoCodec: null,
    audioCodec: null,
    frameRate: null,
    tags: [],
    origin: 'linked',
    importedAt: at,
    modifiedAt: at,
    missing: false,
    thumbnail: 'pending',
    thumbnailError: null,
    ...overrides,
  };
}

export function someSettings(overrides: Partial<Settings> = {}): Settings {
  return { ffmpegPath: null, timeZone: 'UTC', theme: 'system', startAtLogin: false, ...overrides };
}

export function anAppInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    name: 'ReelPilot',
    version: '0.1.0',
    mode: 'headless',
    dataDir: '/data/reelpilot',
    dataDirPinned: true,
    platform: 'linux',
    schemaVersion: 6,
    capabilities: { startAtLogin: false, nativeDialogs: false },
    secretStore: { backend: 'a vault file', secure: true },
    ...overrides,
  };
}

const GB = 1024 ** 3;

export function aStorageStatus(overrides: Partial<StorageStatus> = {}): StorageStatus {
  return {
    connection: {
      state: 'connected',
      email: 'creator@example.com',
      displayName: 'Creator Studio',
      connectedAt: at - 86_400_000,
      message: null,
    },
    folders: [
      { key: 'root', path: 'ReelPilot', url: 'https://drive.google.com/drive/folders/root' },
      {
        key: 'backups',
        path: 'ReelPilot/Backups',
        url: 'https://drive.google.com/drive/folders/b',
      },
    ],
    quota: {
      limitBytes: 15 * GB,
      usageBytes: 6 * GB,
      usageInDriveBytes: 5 * GB,
      trashBytes: GB / 2,
      reelpilotBytes: GB,
      checkedAt: Date.now() - 5 * 60_000,
      lowSpace: false,
    },
    quotaError: null,
    local: {
      dataDir: '/data/reelpilot',
      totalBytes: 500 * GB,
      freeBytes: 200 * GB,
      databaseBytes: 80 * 1024 ** 2,
      backupsBytes: 120 * 1024 ** 2,
    },
    api: {
      lastMinute: 3,
      today: 140,
      perMinuteLimit: 12_000,
      uploadedTodayBytes: 40 * 1024 ** 2,
      dailyUploadLimitBytes: 750 * GB,
    },
    uploads: { recent: [], active: 0, failed: 0 },
    ...overrides,
  };
}

export function aDriveUpload(overrides: Partial<DriveUpload> = {}): DriveUpload {
  return {
    id: 'upload-1',
    kind: 'backup',
    name: 'reelpilot-2026-01-15T03-00-00Z-scheduled-1a2b3c4d.db.gz',
    sizeBytes: 20 * 1024 ** 2,
    state: 'done',
    sentBytes: 20 * 1024 ** 2,
    message: null,
    url: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function aBackupStatus(overrides: Partial<BackupStatus> = {}): BackupStatus {
  return {
    settings: defaultBackupSettings,
    timeZone: 'UTC',
    lastBackupAt: at - 3_600_000,
    nextBackupAt: at + 18 * 3_600_000,
    running: null,
    lastRestore: null,
    restorePending: false,
    vault: {
      kind: 'key-file',
      text: 'They are in /data/reelpilot/secrets.vault, locked with the key file /data/reelpilot/secrets.key.',
    },
    backupsDir: '/data/reelpilot/backups',
    driveConnected: true,
    ...overrides,
  };
}

export function aBackupEntry(overrides: Partial<BackupEntry> = {}): BackupEntry {
  return {
    id: 'backup-1',
    createdAt: at - 3_600_000,
    trigger: 'scheduled',
    appVersion: '0.1.0',
    schemaVersion: 7,
    sizeBytes: 20 * 1024 ** 2,
    databaseBytes: 80 * 1024 ** 2,
    sha256: 'a'.repeat(64),
    counts: { accounts: 4, configs: 2, posts: 120, metrics: 360, mediaItems: 40 },
    fromThisInstallation: true,
    local: { fileName: 'reelpilot-2026-01-15T08-00-00Z-scheduled-backup1.db.gz' },
    drive: { fileId: 'drive-file-1', url: 'https://drive.google.com/file/d/drive-file-1/view' },
    upload: null,
    restoreBlocker: null,
    ...overrides,
  };
}

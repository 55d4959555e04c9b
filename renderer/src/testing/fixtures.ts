import { defaultAccountLimits, type Account } from '../../../shared/domain/accounts';
import type { Alert, AlertCounts } from '../../../shared/domain/alerts';
import type { ApiTokenInfo } from '../../../shared/domain/api-tokens';
import type { AppInfo } from '../../../shared/domain/app-info';
import {
  defaultAutomationPreferences,
  type AutomationPreferences,
  type AutomationStatus,
} from '../../../shared/domain/automation';
import type { Calendar, CalendarPost, CalendarRun } from '../../../shared/domain/calendar';
import {
  noPosts,
  type Config,
  type ConfigDraft,
  type ConfigRun,
} from '../../../shared/domain/configs';
import {
  defaultBackupSettings,
  type BackupEntry,
  type BackupStatus,
} from '../../../shared/domain/backup';
import type { DistributionTarget, DistributionVideo } from '../../../shared/domain/distribution';
import type { ErrorEntry } from '../../../shared/domain/error-log';
import type { AccountHealth, SystemHealth } from '../../../shared/domain/health';
import type { MediaItem } from '../../../shared/domain/media';
import { platformIds, type PlatformId } from '../../../shared/domain/platforms';
import { defaultRetentionPolicy, type RetentionStatus } from '../../../shared/domain/retention';
import type { Settings } from '../../../shared/domain/settings';
import type { DriveUpload, StorageStatus } from '../../../shared/domain/storage';
import type {
  BestTimes,
  Dashboard,
  PeriodTotals,
  Timeseries,
  TopPost,
} from '../../../shared/domain/statistics';
import { sampleStatus } from '../../../shared/testing/sample-status';

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
    distribution: {
      mode: 'spread',
      strategy: 'roundRobin',
      accountIds: [],
      weights: {},
      videosPerRun: 1,
    },
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
    posts: noPosts,
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
    metricsAt: null,
    metricsNote: null,
    privacyNote: null,
    openUrl: overrides.url === undefined ? 'https://example.test/post/1' : overrides.url,
    post: { title: 'Morning beach', text: 'Sunrise at the beach', hashtags: [], privacy: 'public' },
    edit: {
      allowed: false,
      reason: 'This post is published: ReelPilot never changes a published post.',
      restartsUpload: false,
    },
    notBefore: null,
    editedAt: null,
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
    filePath: '/data/media/renders/morning-beach-1.mp4',
    run: { configName: 'Morning beach', at, position: 0, count: 1 },
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

/** Idle, nothing running or coming, in UTC. */
export function anAutomationStatus(overrides: Partial<AutomationStatus> = {}): AutomationStatus {
  return sampleStatus({ at, ...overrides });
}

export function someAutomationPreferences(
  overrides: Partial<AutomationPreferences> = {},
): AutomationPreferences {
  return { ...defaultAutomationPreferences, ...overrides };
}

export function anApiToken(overrides: Partial<ApiTokenInfo> = {}): ApiTokenInfo {
  return {
    id: 'token-1',
    name: 'Agency dashboard',
    prefix: 'rpk_AbCd',
    createdAt: at,
    lastUsedAt: null,
    ...overrides,
  };
}

export function aCalendarRun(overrides: Partial<CalendarRun> = {}): CalendarRun {
  return {
    configId: 'config-1',
    configName: 'Morning beach',
    at: at + 86_400_000,
    configTimeZone: 'UTC',
    videosPerRun: 1,
    accountIds: ['account-1'],
    platforms: ['youtube'],
    ...overrides,
  };
}

export function aCalendarPost(overrides: Partial<CalendarPost> = {}): CalendarPost {
  return {
    targetId: 'target-1',
    videoId: 'video-1',
    videoTitle: 'Morning beach #1',
    run: { configName: 'Morning beach', at, position: 0, count: 1 },
    accountId: 'account-1',
    accountHandle: '@sunny',
    platform: 'youtube',
    state: 'waiting',
    at: at + 2 * 3_600_000,
    movedTo: null,
    reason: 'You asked for at least 60 minutes between posts.',
    caption: 'Sunrise at the beach',
    ...overrides,
  };
}

export function aCalendar(overrides: Partial<Calendar> = {}): Calendar {
  return {
    timeZone: 'UTC',
    paused: false,
    now: at,
    runs: [aCalendarRun()],
    runsCut: [],
    posts: [aCalendarPost()],
    ...overrides,
  };
}

const metric = (sum: number | null, posts: number) => ({ sum, posts });

/** Period totals: `posts` published with `views` views in all (likes 5 % of them). */
export function somePeriodTotals(
  overrides: { published?: number; failed?: number; views?: number | null } = {},
): PeriodTotals {
  const published = overrides.published ?? 4;
  const views = overrides.views === undefined ? 1000 : overrides.views;
  const likes = views === null ? null : Math.round(views * 0.05);
  return {
    renders: { rendered: published, failed: 0, renderMs: published * 20_000, timed: published },
    posts: {
      succeeded: published,
      failed: overrides.failed ?? 0,
      pending: 0,
      settledAttempts: published + (overrides.failed ?? 0),
      retries: 0,
    },
    engagement: {
      views: metric(views, views === null ? 0 : published),
      likes: metric(likes, likes === null ? 0 : published),
      comments: metric(null, 0),
      shares: metric(null, 0),
      saves: metric(null, 0),
      ratedViews: views ?? 0,
      ratedInteractions: likes ?? 0,
    },
  };
}

const week = {
  start: Date.UTC(2026, 0, 9),
  end: Date.UTC(2026, 0, 16),
  previousStart: Date.UTC(2026, 0, 2),
  previousEnd: Date.UTC(2026, 0, 9),
  grain: 'day' as const,
  days: 7,
  timeZone: 'UTC',
};

export function aDashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  const current = somePeriodTotals();
  return {
    period: week,
    current,
    previous: somePeriodTotals({ published: 2, views: 800 }),
    byPlatform: [{ platform: 'youtube', posts: current.posts, engagement: current.engagement }],
    byAccount: [
      {
        accountId: 'account-1',
        platform: 'youtube',
        handle: '@sunny',
        posts: current.posts,
        engagement: current.engagement,
      },
    ],
    hasHistory: true,
    rebuild: {
      state: 'ready',
      done: 0,
      total: 0,
      builtAt: at,
      timeZone: 'UTC',
      error: null,
    },
    ...overrides,
  };
}

export function aTimeseries(overrides: Partial<Timeseries> = {}): Timeseries {
  const totals = somePeriodTotals({ published: 1, views: 250 });
  return {
    period: week,
    grain: 'day',
    points: Array.from({ length: 7 }, (_, day) => ({
      start: week.start + day * 86_400_000,
      posts: totals.posts,
      engagement: totals.engagement,
      renders: totals.renders,
    })),
    ...overrides,
  };
}

export function someBestTimes(overrides: Partial<BestTimes> = {}): BestTimes {
  return {
    timeZone: 'UTC',
    posts: 4,
    since: week.start,
    enough: false,
    cells: [{ weekday: 1, hour: 18, posts: 4, averageViews: 250, engagementRate: 0.05 }],
    ...overrides,
  };
}

export function aTopPost(overrides: Partial<TopPost> = {}): TopPost {
  return {
    targetId: 'target-1',
    title: 'Morning beach #1',
    platform: 'youtube',
    accountId: 'account-1',
    handle: '@sunny',
    url: 'https://youtube.test/shorts/abc',
    publishedAt: week.start + 3_600_000,
    views: 1000,
    likes: 50,
    comments: null,
    shares: null,
    saves: null,
    engagementRate: 0.05,
    media: null,
    ...overrides,
  };
}

export function anAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'alert-1',
    causeKey: 'account-failures:account-1',
    kind: 'postFailed',
    severity: 'error',
    state: 'open',
    title: 'A post to TikTok @sunny failed',
    body: 'TikTok refused the video: it is longer than 10 minutes.',
    action: 'Change the video or its text to fit the platform’s rules, then retry the post.',
    target: { screen: 'distribution', itemId: 'target-1' },
    count: 1,
    firstSeenAt: at,
    lastSeenAt: at,
    acknowledgedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    ...overrides,
  };
}

export function someAlertCounts(overrides: Partial<AlertCounts> = {}): AlertCounts {
  return { open: 1, acknowledged: 0, errors: 1, ...overrides };
}

export function anAccountHealth(overrides: Partial<AccountHealth> = {}): AccountHealth {
  return {
    accountId: 'account-1',
    platform: 'youtube',
    handle: '@sunny',
    displayName: 'Sunny Days',
    status: 'active',
    statusReason: null,
    token: { state: 'valid', accessExpiresAt: at + 3_600_000, refreshExpiresAt: null },
    consecutiveErrors: 0,
    lastSuccessAt: at - 3_600_000,
    lastErrorAt: null,
    failedLast24h: 0,
    postNow: { allowed: true },
    nextFreeSlotAt: at,
    quotas: [
      {
        id: 'youtube-daily-units',
        label: 'YouTube daily quota',
        used: 1600,
        limit: 10_000,
        unit: 'units',
        resetsAt: at + 8 * 3_600_000,
        kind: 'quota',
        shared: true,
      },
    ],
    level: 'ok',
    action: null,
    ...overrides,
  };
}

export function aSystemHealth(overrides: Partial<SystemHealth> = {}): SystemHealth {
  return {
    at,
    scheduler: {
      state: 'running',
      lastTickAt: at - 20_000,
      nextCheckAt: at + 40_000,
      nextRun: { configId: 'config-1', configName: 'Morning beach', at: at + 3_600_000 },
      stalled: false,
    },
    queue: {
      kinds: [
        {
          kind: 'render',
          waiting: 0,
          scheduled: 0,
          running: 1,
          dead: 0,
          oldestWaitingSince: null,
          held: false,
          overdue: false,
        },
      ],
      running: [
        {
          id: 'job-1',
          kind: 'render',
          attempts: 1,
          progress: 0.4,
          message: 'Encoding',
          updatedAt: at,
          leaseExpiresAt: at + 30_000,
        },
      ],
    },
    ffmpeg: {
      found: true,
      version: '5.1.6',
      path: '/usr/bin/ffmpeg',
      message: 'ffmpeg 5.1.6 found on PATH.',
    },
    disk: {
      dataDir: '/data/reelpilot',
      freeBytes: 120 * 1024 ** 3,
      lowBytes: 2 * 1024 ** 3,
      error: null,
    },
    database: { path: '/data/reelpilot/reelpilot.db', sizeBytes: 3 * 1024 ** 2 },
    backup: { available: true, lastBackupAt: null },
    app: { version: '0.1.0', mode: 'headless', startedAt: at - 7_200_000, uptimeMs: 7_200_000 },
    ...overrides,
  };
}

export function anErrorEntry(overrides: Partial<ErrorEntry> = {}): ErrorEntry {
  return {
    id: 'post:target-1',
    source: 'post',
    at,
    platform: 'tiktok',
    accountId: 'account-1',
    accountHandle: '@sunny',
    errorClass: 'content',
    jobKind: null,
    subject: 'Beach day',
    message: 'TikTok refused the video: it is longer than 10 minutes.',
    suggestedAction:
      'Change the video or its text to fit the platform’s rules, then retry the post.',
    target: { screen: 'distribution', itemId: 'target-1' },
    ...overrides,
  };
}

/** The default policy, a 48 MiB database on a disk with 120 GiB free, never cleaned up. */
export function aRetentionStatus(overrides: Partial<RetentionStatus> = {}): RetentionStatus {
  return {
    policy: defaultRetentionPolicy,
    storage: {
      dataDir: '/data/reelpilot',
      databaseBytes: 48 * 1024 ** 2,
      freeBytes: 120 * 1024 ** 3,
    },
    lastRun: null,
    pending: false,
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

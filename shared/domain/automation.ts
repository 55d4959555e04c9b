import { z } from 'zod';
import { notificationKindSchema, notificationKinds, type NotificationKind } from './notifications';
import { platformIdSchema } from './platforms';
import { navigationTargetSchema } from './screens';

/** What the tray icon shows. `attention` wins over `working`; `paused` wins over both. */
export const automationStates = ['idle', 'working', 'attention', 'paused'] as const;
export const automationStateSchema = z.enum(automationStates);
export type AutomationState = z.infer<typeof automationStateSchema>;

export const runningRenderSchema = z.object({
  jobId: z.string(),
  runId: z.string().nullable(),
  configId: z.string().nullable(),
  configName: z.string(),
  /** 0 to 1; null before ffmpeg reported any. */
  progress: z.number().min(0).max(1).nullable(),
});
export type RunningRender = z.infer<typeof runningRenderSchema>;

export const runningUploadSchema = z.object({
  jobId: z.string(),
  targetId: z.string(),
  platform: platformIdSchema,
  accountHandle: z.string().nullable(),
  title: z.string(),
  progress: z.number().min(0).max(1).nullable(),
});
export type RunningUpload = z.infer<typeof runningUploadSchema>;

export const upcomingRunSchema = z.object({
  configId: z.string(),
  configName: z.string(),
  at: z.number().int(),
});
export type UpcomingRun = z.infer<typeof upcomingRunSchema>;

export const attentionItemSchema = z.object({
  kind: notificationKindSchema,
  count: z.number().int().positive(),
  message: z.string(),
  target: navigationTargetSchema,
});
export type AttentionItem = z.infer<typeof attentionItemSchema>;

export const favouriteConfigSchema = z.object({ configId: z.string(), name: z.string() });

/**
 * The disk holding the data is full: writes failed, so renders, uploads and scheduled runs are
 * held until enough space is free again (checked every few seconds).
 */
export const diskFullStateSchema = z.object({
  since: z.number().int(),
  dataDir: z.string(),
  /** Free bytes at the last check. */
  freeBytes: z.number().nonnegative().nullable(),
});
export type DiskFullState = z.infer<typeof diskFullStateSchema>;

/** What is happening now: the tray, the pause banner and the status line all read this. */
export const automationStatusSchema = z.object({
  state: automationStateSchema,
  paused: z.boolean(),
  pausedAt: z.number().int().nullable(),
  renders: z.array(runningRenderSchema),
  /** Render jobs waiting for their turn (or held by the pause). */
  rendersWaiting: z.number().int().nonnegative(),
  uploads: z.array(runningUploadSchema),
  /** Posts waiting for their turn, their account's pacing, a retry, or the end of the pause. */
  uploadsWaiting: z.number().int().nonnegative(),
  nextRuns: z.array(upcomingRunSchema),
  attention: z.array(attentionItemSchema),
  /** Configs offered under "Run now" in the tray. */
  favourites: z.array(favouriteConfigSchema),
  /** True when the machine should be kept awake now (the setting is on and work is running). */
  keepAwake: z.boolean(),
  /** Set while the disk is full and work is held; null otherwise. */
  diskFull: diskFullStateSchema.nullable(),
  /** The time zone next-run times are shown in (the app's setting). */
  timeZone: z.string(),
  at: z.number().int(),
});
export type AutomationStatus = z.infer<typeof automationStatusSchema>;

export const notificationPreferencesSchema = z.object(
  Object.fromEntries(notificationKinds.map((kind) => [kind, z.boolean()])) as Record<
    NotificationKind,
    z.ZodBoolean
  >,
);
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const automationPreferencesSchema = z.object({
  /** Which kinds of notification to show. */
  notifications: notificationPreferencesSchema,
  /** Below this many GB free where the data lives, the low-disk notification is shown. */
  lowDiskGb: z
    .number()
    .min(0.5, 'The low-disk warning needs at least 0.5 GB.')
    .max(1000, 'The low-disk warning can be at most 1000 GB.'),
  /** Keep the computer awake while a render or an upload runs (desktop app). */
  keepAwake: z.boolean(),
  /** Configs offered under "Run now" in the tray, in this order. */
  favouriteConfigIds: z.array(z.string().min(1)).max(10, 'Choose at most 10 favourite configs.'),
});
export type AutomationPreferences = z.infer<typeof automationPreferencesSchema>;

/**
 * Preferences as stored: a kind of notification added after they were saved reads as on, and
 * the person's other choices are kept.
 */
export const storedAutomationPreferencesSchema = z.preprocess((raw) => {
  if (typeof raw !== 'object' || raw === null || !('notifications' in raw)) return raw;
  const { notifications } = raw;
  if (typeof notifications !== 'object' || notifications === null) return raw;
  return { ...raw, notifications: { ...allNotificationsOn(), ...notifications } };
}, automationPreferencesSchema);

function allNotificationsOn(): NotificationPreferences {
  return Object.fromEntries(
    notificationKinds.map((kind) => [kind, true]),
  ) as NotificationPreferences;
}

export const automationPreferencesPatchSchema = z
  .object({
    notifications: notificationPreferencesSchema.partial().strict().optional(),
    lowDiskGb: automationPreferencesSchema.shape.lowDiskGb.optional(),
    keepAwake: z.boolean().optional(),
    favouriteConfigIds: automationPreferencesSchema.shape.favouriteConfigIds.optional(),
  })
  .strict();
export type AutomationPreferencesPatch = z.infer<typeof automationPreferencesPatchSchema>;

export const defaultAutomationPreferences: AutomationPreferences = {
  notifications: {
    postFailed: true,
    accountReconnect: true,
    runFailed: true,
    lowDisk: true,
    quotaNear: true,
    stuck: true,
  },
  lowDiskGb: 2,
  keepAwake: true,
  favouriteConfigIds: [],
};

/** What the tray shows: paused wins over attention, attention over working. */
export function automationStateOf(
  paused: boolean,
  activity: Pick<AutomationStatus, 'attention' | 'renders' | 'uploads'>,
): AutomationState {
  if (paused) return 'paused';
  if (activity.attention.length > 0) return 'attention';
  if (activity.renders.length > 0 || activity.uploads.length > 0) return 'working';
  return 'idle';
}

function percent(progress: number | null): string {
  return progress === null ? '' : ` ${Math.floor(progress * 100)} %`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "14:00" today, "Tue 09:00" within a week, "12 Mar 09:00" later, in the given time zone. */
export function formatRunTime(at: number, now: number, timeZone: string): string {
  const day = (t: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(t);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
  if (day(at) === day(now)) return time;
  const options: Intl.DateTimeFormatOptions =
    at - now < 6 * 86_400_000 ? { weekday: 'short' } : { day: 'numeric', month: 'short' };
  return `${new Intl.DateTimeFormat('en-GB', { timeZone, ...options }).format(at)} ${time}`;
}

/** One line per running piece of work, for the tray menu and the status banner. */
export function describeWork(status: AutomationStatus): string[] {
  const lines = status.renders.map(
    (render) => `Rendering “${render.configName}”${percent(render.progress)}`,
  );
  for (const upload of status.uploads) {
    const who = upload.accountHandle ? ` to ${upload.accountHandle}` : '';
    lines.push(`Uploading “${upload.title}”${who}${percent(upload.progress)}`);
  }
  if (status.rendersWaiting > 0)
    lines.push(`${plural(status.rendersWaiting, 'render', 'renders')} waiting`);
  if (status.uploadsWaiting > 0)
    lines.push(`${plural(status.uploadsWaiting, 'post', 'posts')} waiting to upload`);
  return lines;
}

/**
 * The short sentence of what is happening now: the tray's tooltip, the status line. For
 * example `Rendering “Morning” 40 % · uploading 2 posts · next run at 14:00`.
 */
export function describeActivity(status: AutomationStatus): string {
  const parts: string[] = [];
  if (status.paused) {
    parts.push(
      status.pausedAt === null
        ? 'Paused'
        : `Paused since ${formatRunTime(status.pausedAt, status.at, status.timeZone)}`,
    );
  }
  const [render] = status.renders;
  if (render) {
    parts.push(`Rendering “${render.configName}”${percent(render.progress)}`);
    if (status.renders.length > 1) parts.push(`${status.renders.length - 1} more rendering`);
  }
  if (status.uploads.length > 0) {
    const verb = status.paused ? 'finishing' : 'uploading';
    parts.push(`${verb} ${plural(status.uploads.length, 'post', 'posts')}`);
  }
  for (const item of status.attention) parts.push(item.message);
  const [next] = status.nextRuns;
  if (next && !status.paused) {
    parts.push(`next run at ${formatRunTime(next.at, status.at, status.timeZone)}`);
  }
  if (parts.length === 0) return 'Idle: no runs scheduled';
  const text = parts.join(' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import { displayHandle, type Account } from '../../../shared/domain/accounts';
import type {
  Config,
  ConfigDraft,
  DistributionStrategy,
  PrivacyLevel,
  RunPosts,
  RunState,
  Schedule,
} from '../../../shared/domain/configs';
import { platformNames } from '../../../shared/domain/platforms';
import type { StateLook } from '../components/badge';
import { formatZonedDateTime, plural } from '../format';

export function describeSchedule(schedule: Schedule): string {
  const rule = schedule.rule;
  switch (rule.kind) {
    case 'hourly':
      return `Every hour at :${String(rule.minute).padStart(2, '0')}`;
    case 'daily':
      return `Daily at ${rule.times.join(', ')}`;
    case 'interval':
      return rule.everyMinutes % 60 === 0
        ? `Every ${rule.everyMinutes / 60} h`
        : `Every ${rule.everyMinutes} min`;
    case 'cron':
      return `Cron ${rule.expression}`;
  }
}

export const runStates: Record<RunState, StateLook> = {
  pending: { label: 'Starting', tone: 'accent' },
  running: { label: 'Running', tone: 'accent' },
  succeeded: { label: 'Succeeded', tone: 'ok' },
  partial: { label: 'Partly failed', tone: 'danger' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

/** A time zone as people read it: "Europe/Paris", "UTC". */
export function zoneName(timeZone: string): string {
  return timeZone.replace(/_/g, ' ');
}

/**
 * When a config runs next, in the zone of Settings with the zone named, and in the config's own
 * zone as well when the clock there reads differently (a Chatham config due today must not look
 * like a UTC one due tomorrow).
 */
export function nextRunText(
  config: Pick<Config, 'active' | 'nextRunAt' | 'schedule'>,
  settingsZone: string,
): { main: string; own: string | null } {
  if (!config.active) return { main: 'Paused', own: null };
  if (config.nextRunAt === null)
    return { main: 'No more runs (the schedule has ended)', own: null };
  const main = formatZonedDateTime(config.nextRunAt, settingsZone);
  const own = formatZonedDateTime(config.nextRunAt, config.schedule.timeZone);
  return {
    main: `${main} ${zoneName(settingsZone)}`,
    own: own === main ? null : `${own} in ${zoneName(config.schedule.timeZone)}`,
  };
}

const strategyWords: Record<DistributionStrategy, string> = {
  roundRobin: 'round robin',
  sequential: 'the whole run to one account, the next account each run',
  random: 'at random',
  weighted: 'at random by weight',
};

/**
 * What one run will do, in one line: "1 video → 6 accounts on 5 platforms (6 posts)", "3 videos
 * spread over 6 accounts, round robin". Accounts whose platform is off get nothing, and it says
 * so.
 */
export function describeRunPlan(
  draft: Pick<ConfigDraft, 'distribution' | 'platforms'>,
  accounts: readonly Pick<Account, 'id' | 'platform'>[] | null,
): string {
  const { distribution, platforms } = draft;
  const videos = plural(distribution.videosPerRun, 'video');
  const chosen = distribution.accountIds
    .map((id) => accounts?.find((account) => account.id === id))
    .filter((account): account is Pick<Account, 'id' | 'platform'> => account !== undefined);
  const posting = chosen.filter((account) => platforms[account.platform].enabled);
  const idle = chosen.filter((account) => !platforms[account.platform].enabled);
  const offPlatforms = [...new Set(idle.map((account) => platformNames[account.platform]))];
  const idleNote =
    idle.length === 0
      ? ''
      : ` ${plural(idle.length, 'chosen account')} on ${offPlatforms.join(', ')} ${idle.length === 1 ? 'gets' : 'get'} nothing: ${offPlatforms.length === 1 ? 'that platform is' : 'those platforms are'} turned off above.`;
  if (accounts === null && distribution.accountIds.length > 0) return `Each run: ${videos}.`;
  if (posting.length === 0) {
    return `Each run: ${videos}, rendered but not posted: ${chosen.length === 0 ? 'choose accounts below' : 'turn on the platforms of the chosen accounts'}.${idleNote}`;
  }
  const onPlatforms = plural(new Set(posting.map((account) => account.platform)).size, 'platform');
  const to = `${plural(posting.length, 'account')} on ${onPlatforms}`;
  if (distribution.mode === 'crossPost') {
    const posts = plural(distribution.videosPerRun * posting.length, 'post');
    const each = distribution.videosPerRun === 1 ? `${videos} → ${to}` : `${videos}, each → ${to}`;
    return `Each run: ${each} (${posts}).${idleNote}`;
  }
  if (posting.length === 1)
    return `Each run: ${videos} → ${to} (${plural(distribution.videosPerRun, 'post')}).${idleNote}`;
  return `Each run: ${videos} spread over ${to}, ${strategyWords[distribution.strategy]} (${plural(distribution.videosPerRun, 'post')}).${idleNote}`;
}

/** What became of a run's posts, in words and a tone; null when the run made none. */
export function describeRunPosts(posts: RunPosts): StateLook | null {
  if (posts.total === 0) return null;
  const parts = [`${posts.posted} of ${posts.total} posted`];
  if (posts.failed > 0) parts.push(`${posts.failed} failed`);
  if (posts.inProgress > 0) parts.push(`${posts.inProgress} on the way`);
  if (posts.failed === 0 && posts.inProgress === 0)
    return { label: `${parts[0]} on ${plural(posts.platforms, 'platform')}`, tone: 'ok' };
  return { label: parts.join(', '), tone: posts.failed > 0 ? 'danger' : 'accent' };
}

/** An account as the pickers show it: its name and its handle, written once each. */
export function accountName(account: Pick<Account, 'displayName' | 'handle' | 'platform'>): string {
  const handle = displayHandle(account.platform, account.handle);
  return account.displayName && account.displayName !== handle
    ? `${account.displayName} (${handle})`
    : handle;
}

/** Who can see a post, in the words the editors offer. */
export const privacyLabels: Record<PrivacyLevel, string> = {
  public: 'Public',
  unlisted: 'Unlisted',
  friends: 'Friends',
  followers: 'Followers',
  private: 'Private (only me)',
};

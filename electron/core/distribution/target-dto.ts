import type { Account } from '../../../shared/domain/accounts';
import type {
  DistributionTarget,
  MetricsPoint,
  PostEditability,
  VideoRun,
  TargetState,
  VideoStatus,
} from '../../../shared/domain/distribution';
import type { DistributionTargetRow, PostMetricsRow } from '../db/schema';
import type { VideoRunRow } from './distribution-repository';
import { parsePostSettings, postTextOf } from './post-settings';
import { metricsNote, openUrl, privacyNote } from './post-visibility';

export function toMetricsPoint(row: PostMetricsRow): MetricsPoint {
  return {
    at: row.at,
    views: row.views,
    likes: row.likes,
    comments: row.comments,
    shares: row.shares,
    saves: row.saves,
  };
}

/** What the person can do about a failure, by its class (PLATFORMS.md "Errors"). */
export function suggestedAction(kind: DistributionTargetRow['error_kind']): string | null {
  switch (kind) {
    case 'auth':
      return 'Reconnect the account on the Accounts screen, then retry the post.';
    case 'rate':
      return 'Nothing to do: ReelPilot posts once the platform’s limit resets.';
    case 'transient':
      return 'Check the network connection, then retry the post.';
    case 'content':
      return 'Change the video or its text to fit the platform’s rules, then retry the post.';
    case 'unknown':
      return 'Check the account’s profile on the platform. “Look for it again” checks first and posts only if the post is not there: never twice.';
    case null:
      return null;
  }
}

function parseNotices(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

/** What a target's DTO needs besides its row. */
export interface TargetFacts {
  /** Null when the account was removed. */
  account: Pick<Account, 'handle' | 'audience'> | null;
  latest: PostMetricsRow | undefined;
  edit: PostEditability;
  /** When the person last changed its text (null: never). */
  editedAt: number | null;
}

export function toTargetDto(row: DistributionTargetRow, facts: TargetFacts): DistributionTarget {
  const settings = parsePostSettings(row.settings);
  const handle = facts.account?.handle ?? null;
  return {
    id: row.id,
    videoId: row.video_id,
    accountId: row.account_id,
    accountHandle: handle,
    platform: row.platform,
    state: targetState(row),
    phase: row.phase,
    sentBytes: row.sent_bytes,
    totalBytes: row.total_bytes,
    remoteId: row.remote_id,
    url: row.url,
    notices: parseNotices(row.notices),
    errorKind: row.error_kind,
    errorMessage: row.error_message,
    suggestedAction: row.state === 'failed' ? suggestedAction(row.error_kind) : null,
    attempts: row.attempts,
    waitingUntil: row.waiting_until,
    publishedAt: row.published_at,
    latestMetrics: facts.latest ? toMetricsPoint(facts.latest) : null,
    metricsAt: row.metrics_at,
    metricsNote: metricsNote(row),
    privacyNote: privacyNote(row, settings, facts.account),
    openUrl: openUrl(row, handle),
    post: postTextOf(settings, row.platform),
    edit: facts.edit,
    notBefore: row.not_before,
    editedAt: facts.editedAt,
    updatedAt: row.updated_at,
  };
}

/** The state the person sees: a target whose post may exist is being verified. */
export function targetState(row: DistributionTargetRow): TargetState {
  return row.state === 'processing' && row.verify_since !== null ? 'verifying' : row.state;
}

/** One status for a video over its targets. */
export function videoStatus(states: TargetState[]): VideoStatus {
  if (states.length === 0) return 'pending';
  const all = (state: TargetState) => states.every((s) => s === state);
  if (all('success')) return 'success';
  if (all('failed')) return 'failed';
  if (all('pending')) return 'pending';
  if (states.some((s) => s === 'processing' || s === 'pending' || s === 'verifying'))
    return 'processing';
  return 'partial';
}

export /** A run's name, place and time, for the card's name ("Demo reel · Nov 29 15:08 · 1 of 3"). */
function videoRunOf(run: VideoRunRow): VideoRun {
  let configName = '';
  try {
    // The run records the config as it was: `{ configId, config: { name, ... } }`.
    const snapshot = JSON.parse(run.snapshot) as { config?: { name?: unknown } };
    configName = typeof snapshot.config?.name === 'string' ? snapshot.config.name : '';
  } catch {
    // An unreadable snapshot leaves the name to the video's own title.
  }
  return {
    configName,
    at: run.scheduled_for ?? run.created_at,
    position: run.position,
    count: run.count,
  };
}

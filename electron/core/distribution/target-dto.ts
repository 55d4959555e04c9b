import type {
  DistributionTarget,
  MetricsPoint,
  TargetState,
  VideoStatus,
} from '../../../shared/domain/distribution';
import type { DistributionTargetRow, PostMetricsRow } from '../db/schema';

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

export function toTargetDto(
  row: DistributionTargetRow,
  handle: string | null,
  latest: PostMetricsRow | undefined,
): DistributionTarget {
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
    latestMetrics: latest ? toMetricsPoint(latest) : null,
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

import type { Account } from '../../../shared/domain/accounts';
import type { CalendarPost, CalendarPostState } from '../../../shared/domain/calendar';
import type { VideoRun } from '../../../shared/domain/distribution';
import type { DistributionTargetRow } from '../db/schema';
import { parsePostSettings, postTextOf } from './post-settings';
import type { FreeSlot } from '../accounts/accounts-module';
import type { WaitingPlan } from './waiting-posts';

export interface PostCalendarSources {
  plan: WaitingPlan;
  published: DistributionTargetRow[];
  accounts: ReadonlyMap<string, Pick<Account, 'handle'>>;
  videos: ReadonlyMap<string, { title: string; run: VideoRun | null }>;
}

function calendarPost(
  row: DistributionTargetRow,
  state: CalendarPostState,
  at: number | null,
  reason: string | null,
  sources: PostCalendarSources,
): CalendarPost {
  const video = sources.videos.get(row.video_id);
  return {
    targetId: row.id,
    videoId: row.video_id,
    videoTitle: video?.title ?? '',
    run: video?.run ?? null,
    accountId: row.account_id,
    accountHandle: sources.accounts.get(row.account_id)?.handle ?? null,
    platform: row.platform,
    state,
    at,
    movedTo: row.not_before,
    reason,
    caption: postTextOf(parsePostSettings(row.settings), row.platform).text,
  };
}

function waitingState(row: DistributionTargetRow, slot: FreeSlot): CalendarPostState {
  if (row.state === 'processing') return 'uploading';
  return slot.at === null ? 'held' : 'waiting';
}

/** The posts of the calendar: every one not out yet at its planned time, then those published. */
export function postCalendar(sources: PostCalendarSources): CalendarPost[] {
  return [
    ...sources.plan.posts.map(({ row, slot }) =>
      calendarPost(row, waitingState(row, slot), slot.at, slot.reason, sources),
    ),
    ...sources.published.map((row) => calendarPost(row, 'posted', row.published_at, null, sources)),
  ];
}

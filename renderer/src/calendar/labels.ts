import type { CalendarPost, CalendarPostState, CalendarRun } from '../../../shared/domain/calendar';
import { platformNames } from '../../../shared/domain/platforms';
import type { StateLook } from '../components/badge';
import { videoName } from '../distribution/labels';
import { plural } from '../format';

import { clockIn, dayClockIn } from '../../../shared/domain/zoned-time';

/** Times in the Settings zone, written as the engine writes them in its messages. */
export { clockIn, dayClockIn };

export const postStateLooks: Record<CalendarPostState, StateLook> = {
  waiting: { label: 'Waiting', tone: 'muted' },
  uploading: { label: 'Uploading', tone: 'accent' },
  held: { label: 'Held', tone: 'warning' },
  posted: { label: 'Posted', tone: 'ok' },
};

/** What a run will do: "3 videos → 5 accounts on 4 platforms". */
export function runWork(run: CalendarRun): string {
  const videos = plural(run.videosPerRun, 'video');
  if (run.accountIds.length === 0) return `${videos}, no account to post to`;
  const platforms = run.platforms.length > 1 ? ` on ${run.platforms.length} platforms` : '';
  return `${videos} → ${plural(run.accountIds.length, 'account')}${platforms}`;
}

/** "Demo reel · Nov 29 15:08 · 1 of 3" for a post's video. */
export function postVideoName(post: CalendarPost, timeZone: string): string {
  return videoName({ title: post.videoTitle, run: post.run }, timeZone);
}

/** "TikTok · @x" */
export function postWhere(post: CalendarPost): string {
  return `${platformNames[post.platform]} · ${post.accountHandle ?? 'removed account'}`;
}

/** The words a screen reader hears for a post in the calendar. */
export function postLabel(post: CalendarPost, timeZone: string): string {
  const when = post.at === null ? 'held' : dayClockIn(post.at, timeZone);
  const state = postStateLooks[post.state].label.toLowerCase();
  return `${platformNames[post.platform]} post of ${post.accountHandle ?? 'a removed account'}, ${postVideoName(post, timeZone)}, ${state}, ${when}`;
}

import type { Account } from '../../../shared/domain/accounts';
import { privacyByPlatform } from '../../../shared/domain/configs';
import type { PostEditability, PostTextDto } from '../../../shared/domain/distribution';
import { platformNames } from '../../../shared/domain/platforms';
import { checkPostText, composeCaption, postTextRules } from '../../../shared/domain/post-text';
import type { DistributionTargetRow } from '../db/schema';
import { AppError } from '../errors';
import type { PlatformAdapter, TextEditPlan, VideoFacts } from '../platforms/platform-adapter';
import { privateOnly } from './post-settings';

function refused(reason: string): PostEditability {
  return { allowed: false, reason, restartsUpload: false };
}

/** The adapter's answer for what the last attempt saved (see `PlatformAdapter.textEditPlan`). */
export function textEditPlanOf(
  row: DistributionTargetRow,
  adapter: PlatformAdapter,
  video: Pick<VideoFacts, 'sizeBytes'>,
): TextEditPlan {
  return adapter.textEditPlan({
    state: row.upload_state === null ? undefined : (JSON.parse(row.upload_state) as unknown),
    refused: row.state === 'failed' && row.error_kind === 'content',
    video,
  });
}

/**
 * Whether a post's title, caption, hashtags and privacy may change now (docs/distribution.md,
 * "Editing a post"): only while it waits or has failed, and only where the platform cannot
 * already have the post with the old text. The database check at the edit itself also refuses
 * a post whose upload job is running.
 */
export function editabilityOf(
  row: DistributionTargetRow,
  adapter: PlatformAdapter,
  video: Pick<VideoFacts, 'sizeBytes'>,
): PostEditability {
  if (row.state === 'success')
    return refused(
      'This post is published: ReelPilot never changes a published post. Change it on the platform.',
    );
  if (row.state === 'processing')
    return refused(
      row.phase === 'processing' || row.tracking_id !== null
        ? 'The platform is processing this post with its text. Wait until it is published or fails.'
        : 'This post is being uploaded now. Wait until it is posted or fails.',
    );
  const contentRefusal = row.state === 'failed' && row.error_kind === 'content';
  if (row.tracking_id !== null && !contentRefusal)
    return refused(
      'The platform has this video and was processing it with its text when the post stopped. Retry the post as it is.',
    );
  if (row.upload_state === null && row.tracking_id === null)
    return { allowed: true, reason: null, restartsUpload: false };
  const plan = textEditPlanOf(row, adapter, video);
  switch (plan.kind) {
    case 'keep':
      // Retry starts a refused post over anyway (`DistributionService.retry`).
      return { allowed: true, reason: null, restartsUpload: contentRefusal };
    case 'restart':
      return { allowed: true, reason: null, restartsUpload: true };
    case 'refuse':
      return refused(plan.reason);
  }
}

/** The field an editor shows for each kind of text problem. */
const fieldOf = { title: 'title', caption: 'text', tags: 'hashtags' } as const;

/**
 * Checks new text against the platform's limits (shared/domain/post-text, the one source of
 * truth) and the privacy levels it accepts; refuses with a message per field.
 */
export function checkEditedText(
  text: PostTextDto,
  account: Pick<Account, 'platform' | 'audience'>,
): void {
  const { platform } = account;
  const name = platformNames[platform];
  const issues: Array<{ path: string; message: string }> = [];
  if (postTextRules[platform].title === null && (text.title ?? '').trim() !== '')
    issues.push({ path: 'title', message: `${name} posts have no title. Leave it empty.` });
  for (const problem of checkPostText(platform, name, {
    title: text.title ?? undefined,
    caption: composeCaption(text.text, text.hashtags),
    tags: text.hashtags,
  }))
    issues.push({ path: fieldOf[problem.field], message: problem.message });
  const allowed: readonly string[] = privacyByPlatform[platform];
  if (privateOnly(account) && text.privacy !== 'private')
    issues.push({
      path: 'privacy',
      message:
        'This TikTok app is not audited: TikTok allows only private posts until it is. Choose private.',
    });
  else if (!allowed.includes(text.privacy))
    issues.push({
      path: 'privacy',
      message: `${name} accepts only ${allowed.join(', ')} privacy.`,
    });
  const first = issues[0];
  if (first) throw new AppError('BAD_INPUT', first.message, { issues });
}

/** Whether two versions of a post's text and privacy say the same. */
export function samePostText(a: PostTextDto, b: PostTextDto): boolean {
  return (
    (a.title ?? '').trim() === (b.title ?? '').trim() &&
    a.text.trim() === b.text.trim() &&
    a.privacy === b.privacy &&
    a.hashtags.join(' ') === b.hashtags.join(' ')
  );
}

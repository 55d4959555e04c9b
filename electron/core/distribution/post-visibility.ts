import type { Account } from '../../../shared/domain/accounts';
import type { DistributionTargetRow } from '../db/schema';
import type { PostSettings } from '../platforms/platform-adapter';
import { privateOnly } from './post-settings';

/**
 * What a post looks like from outside: who can see it, whether the platform reports its
 * metrics, and where it can be opened (docs/distribution.md, "What a card says").
 */

/**
 * TikTok gives a private post no public id (the publish id stays its reference, see the
 * adapter's `status`), and its video query reports nothing for it.
 */
function isPrivateTikTokPost(row: DistributionTargetRow): boolean {
  return row.platform === 'tiktok' && row.remote_id !== null && row.remote_id === row.tracking_id;
}

/** Why the platform reports no metrics for this post, or null when it reports them. */
export function metricsNote(row: DistributionTargetRow): string | null {
  if (row.state !== 'success' || !isPrivateTikTokPost(row)) return null;
  return 'TikTok does not report views, likes, comments or shares of private posts.';
}

/** True when reading this post's metrics cannot give anything. */
export function metricsNotReported(row: DistributionTargetRow): boolean {
  return metricsNote(row) !== null;
}

/**
 * Why the post is (or will be) private whatever was asked: an unaudited TikTok app may only
 * post privately. Null for every other post.
 */
export function privacyNote(
  row: DistributionTargetRow,
  settings: PostSettings,
  account: Pick<Account, 'audience'> | null,
): string | null {
  if (row.platform !== 'tiktok' || !account || !privateOnly(account)) return null;
  if ((settings.tiktokPrivacyLevel ?? 'SELF_ONLY') !== 'SELF_ONLY') return null;
  return row.state === 'success'
    ? 'Posted as private: this TikTok app is not audited, and TikTok allows only private posts until it is.'
    : 'Will be posted as private: this TikTok app is not audited, and TikTok allows only private posts until it is.';
}

/** The post's page: the platform's own link, else one made from the post id and the handle. */
export function openUrl(row: DistributionTargetRow, handle: string | null): string | null {
  if (row.url) return row.url;
  const id = row.remote_id;
  if (row.state !== 'success' || !id) return null;
  const user = handle?.replace(/^@/, '') ?? null;
  switch (row.platform) {
    case 'youtube':
      return `https://www.youtube.com/shorts/${encodeURIComponent(id)}`;
    case 'facebook':
      return `https://www.facebook.com/reel/${encodeURIComponent(id)}`;
    case 'x':
      return `https://x.com/i/status/${encodeURIComponent(id)}`;
    case 'tiktok':
      // A private post has no public page.
      return isPrivateTikTokPost(row) || !user
        ? null
        : `https://www.tiktok.com/@${encodeURIComponent(user)}/video/${encodeURIComponent(id)}`;
    case 'instagram':
      // Instagram's pages are named by a shortcode only its own permalink gives.
      return null;
  }
}

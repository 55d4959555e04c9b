import type { Account } from '../../../shared/domain/accounts';
import {
  platformPostText,
  type PlatformSettings,
  type PrivacyLevel,
} from '../../../shared/domain/configs';
import type { PostTextDto } from '../../../shared/domain/distribution';
import type { PlatformId } from '../../../shared/domain/platforms';
import { composeCaption, postTextRules, splitCaption } from '../../../shared/domain/post-text';
import type { TemplateValues } from '../generation/generation-module';
import type { PostSettings, Privacy } from '../platforms/platform-adapter';

const privacyFor: Record<PrivacyLevel, Privacy> = {
  public: 'public',
  unlisted: 'unlisted',
  friends: 'friends',
  // TikTok's "followers" has no match elsewhere; it is the closest narrower audience.
  followers: 'friends',
  private: 'private',
};

const tiktokLevels: Record<PrivacyLevel, string> = {
  public: 'PUBLIC_TO_EVERYONE',
  unlisted: 'SELF_ONLY',
  friends: 'MUTUAL_FOLLOW_FRIENDS',
  followers: 'FOLLOWER_OF_CREATOR',
  private: 'SELF_ONLY',
};

/** An unaudited TikTok app may only post privately: whatever was asked, the post is private. */
export function privateOnly(account: Pick<Account, 'audience'>): boolean {
  return account.audience === 'private_only';
}

/** The adapter's privacy fields for a level the person chose, on this account. */
export function postPrivacy(
  level: PrivacyLevel,
  account: Pick<Account, 'platform' | 'audience'>,
): Pick<PostSettings, 'privacy' | 'tiktokPrivacyLevel'> {
  const only = privateOnly(account);
  return {
    privacy: only ? 'private' : privacyFor[level],
    ...(account.platform === 'tiktok'
      ? { tiktokPrivacyLevel: only ? 'SELF_ONLY' : tiktokLevels[level] }
      : {}),
  };
}

/** One post's title, caption (with hashtags), privacy and tags from the config's templates. */
export function postSettingsFor(
  settings: PlatformSettings,
  account: Account,
  values: TemplateValues,
): PostSettings {
  // The same text the editor counted: a title only where the platform has one.
  const { title, caption } = platformPostText(account.platform, settings, values);
  return {
    ...(title ? { title } : {}),
    caption,
    madeForKids: settings.madeForKids,
    tags: settings.hashtags,
    ...postPrivacy(settings.privacy, account),
  };
}

/** The privacy level a stored post was made with, in the words the person chose from. */
function privacyLevelOf(settings: PostSettings): PrivacyLevel {
  switch (settings.tiktokPrivacyLevel) {
    case 'PUBLIC_TO_EVERYONE':
      return 'public';
    case 'MUTUAL_FOLLOW_FRIENDS':
      return 'friends';
    case 'FOLLOWER_OF_CREATOR':
      return 'followers';
    case 'SELF_ONLY':
      return 'private';
    default:
      return settings.privacy;
  }
}

/** A stored post's title, written caption, hashtags and privacy, as the editor shows them. */
export function postTextOf(settings: PostSettings, platform: PlatformId): PostTextDto {
  const { text, hashtags } = splitCaption(settings.caption, settings.tags ?? []);
  return {
    title: postTextRules[platform].title ? (settings.title ?? '') : null,
    text,
    hashtags,
    privacy: privacyLevelOf(settings),
  };
}

/** The stored post with the person's new text and privacy; what the editor does not show stays. */
export function withPostText(
  settings: PostSettings,
  text: PostTextDto,
  account: Pick<Account, 'platform' | 'audience'>,
): PostSettings {
  const title = text.title?.trim() ?? '';
  const { title: _old, ...rest } = settings;
  return {
    ...rest,
    ...(title ? { title } : {}),
    caption: composeCaption(text.text, text.hashtags),
    tags: text.hashtags,
    ...postPrivacy(text.privacy, account),
  };
}

export function parsePostSettings(json: string): PostSettings {
  return JSON.parse(json) as PostSettings;
}

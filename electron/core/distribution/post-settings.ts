import type { Account } from '../../../shared/domain/accounts';
import type { PlatformSettings } from '../../../shared/domain/configs';
import { composeCaption } from '../../../shared/domain/post-text';
import { fillTemplate, type TemplateValues } from '../generation/generation-module';
import type { PostSettings, Privacy } from '../platforms/platform-adapter';

const privacyFor: Record<PlatformSettings['privacy'], Privacy> = {
  public: 'public',
  unlisted: 'unlisted',
  friends: 'friends',
  // TikTok's "followers" has no match elsewhere; it is the closest narrower audience.
  followers: 'friends',
  private: 'private',
};

const tiktokLevels: Record<PlatformSettings['privacy'], string> = {
  public: 'PUBLIC_TO_EVERYONE',
  unlisted: 'SELF_ONLY',
  friends: 'MUTUAL_FOLLOW_FRIENDS',
  followers: 'FOLLOWER_OF_CREATOR',
  private: 'SELF_ONLY',
};

/** One post's title, caption (with hashtags), privacy and tags from the config's templates. */
export function postSettingsFor(
  settings: PlatformSettings,
  account: Account,
  values: TemplateValues,
): PostSettings {
  const title = fillTemplate(settings.titleTemplate, values).trim();
  const caption = fillTemplate(settings.captionTemplate, values).trim();
  const privateOnly = account.audience === 'private_only';
  return {
    ...(title ? { title } : {}),
    caption: composeCaption(caption, settings.hashtags),
    privacy: privateOnly ? 'private' : privacyFor[settings.privacy],
    madeForKids: settings.madeForKids,
    tags: settings.hashtags,
    ...(account.platform === 'tiktok'
      ? { tiktokPrivacyLevel: privateOnly ? 'SELF_ONLY' : tiktokLevels[settings.privacy] }
      : {}),
  };
}

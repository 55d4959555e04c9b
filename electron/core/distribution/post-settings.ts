import type { Account } from '../../../shared/domain/accounts';
import { platformPostText, type PlatformSettings } from '../../../shared/domain/configs';
import type { TemplateValues } from '../generation/generation-module';
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
  // The same text the editor counted: a title only where the platform has one.
  const { title, caption } = platformPostText(account.platform, settings, values);
  const privateOnly = account.audience === 'private_only';
  return {
    ...(title ? { title } : {}),
    caption,
    privacy: privateOnly ? 'private' : privacyFor[settings.privacy],
    madeForKids: settings.madeForKids,
    tags: settings.hashtags,
    ...(account.platform === 'tiktok'
      ? { tiktokPrivacyLevel: privateOnly ? 'SELF_ONLY' : tiktokLevels[settings.privacy] }
      : {}),
  };
}

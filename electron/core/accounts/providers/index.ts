import type { PlatformId } from '../../../../shared/domain/platforms';
import { googleProvider } from './google-provider';
import { facebookProvider, instagramProvider } from './meta-provider';
import type { OAuthProvider } from './provider';
import { tiktokProvider } from './tiktok-provider';
import { xProvider } from './x-provider';

export const providers: Record<PlatformId, OAuthProvider> = {
  youtube: googleProvider,
  tiktok: tiktokProvider,
  instagram: instagramProvider,
  facebook: facebookProvider,
  x: xProvider,
};

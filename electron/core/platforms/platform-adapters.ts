import type { EndpointOverrides, PlatformId } from '../../../shared/domain/platforms';
import { FacebookAdapter } from './facebook/facebook-adapter';
import { InstagramAdapter } from './instagram/instagram-adapter';
import type { PlatformAdapter } from './platform-adapter';
import { TikTokAdapter } from './tiktok/tiktok-adapter';
import type { TikTokChunkRules } from './tiktok/tiktok-chunk-plan';
import type { AdapterRuntime } from './upload-runtime';
import type { VideoRules } from './video-rules';
import { XAdapter } from './x/x-adapter';
import { YouTubeAdapter } from './youtube/youtube-adapter';

/** Per-platform tuning; every field has a documented default in its adapter. */
export interface PlatformAdapterSettings {
  endpoints?: EndpointOverrides;
  runtime?: Partial<AdapterRuntime>;
  rules?: Partial<Record<PlatformId, Partial<VideoRules>>>;
  youtubeChunkBytes?: number;
  tiktokChunkBytes?: number;
  tiktokChunkRules?: Partial<TikTokChunkRules>;
  metaChunkBytes?: number;
  xSegmentBytes?: number;
}

/** The adapter for one platform, configured from the app's settings (or a test's). */
export function createPlatformAdapter(
  platform: PlatformId,
  settings: PlatformAdapterSettings = {},
): PlatformAdapter {
  const common = { endpoints: settings.endpoints, runtime: settings.runtime };
  switch (platform) {
    case 'youtube':
      return new YouTubeAdapter({
        ...common,
        chunkBytes: settings.youtubeChunkBytes,
        rules: settings.rules?.youtube,
      });
    case 'tiktok':
      return new TikTokAdapter({
        ...common,
        chunkBytes: settings.tiktokChunkBytes,
        chunkRules: settings.tiktokChunkRules,
        rules: settings.rules?.tiktok,
      });
    case 'instagram':
      return new InstagramAdapter({
        ...common,
        chunkBytes: settings.metaChunkBytes,
        rules: settings.rules?.instagram,
      });
    case 'facebook':
      return new FacebookAdapter({
        ...common,
        chunkBytes: settings.metaChunkBytes,
        rules: settings.rules?.facebook,
      });
    case 'x':
      return new XAdapter({
        ...common,
        segmentBytes: settings.xSegmentBytes,
        rules: settings.rules?.x,
      });
  }
}

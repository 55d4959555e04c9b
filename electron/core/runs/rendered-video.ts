import type { ConfigDraft } from '../../../shared/domain/configs';

/** A video a config run rendered: what runs hand over to distribution, which posts it. */
export interface RenderedVideo {
  runVideoId: string;
  configId: string;
  /** The config as the run recorded it. */
  config: ConfigDraft;
  outputPath: string;
  /** 0-based place among the run's `count` videos. */
  position: number;
  count: number;
  /** The accounts the run assigned this video to. */
  accountIds: string[];
  /** When the video is made for (the run's scheduled time, or when a manual run started). */
  at: number;
  title: string;
}

/** Who takes rendered videos (distribution): each video once, also after a crash. */
export interface RenderedVideoReceiver {
  receive(video: RenderedVideo): Promise<void>;
  /** True once `receive` took this video (a start-up replay skips it). */
  received(runVideoId: string): Promise<boolean>;
}

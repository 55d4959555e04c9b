import type { ConfigDraft } from '../../../shared/domain/configs';
import type { ConfigRunVideoRow } from '../db/schema';
import { describeError } from '../errors';
import type { Logger } from '../ports';
import type { RenderedVideo } from './rendered-video';
import { parseJsonArray, readSnapshot } from './run-records';
import type { ConfigRunWithVideos, RunRepository } from './run-repository';

/** What distribution is given of a run's rendered video. */
export function renderedVideo(
  run: ConfigRunWithVideos,
  video: ConfigRunVideoRow,
  snapshot: { config: ConfigDraft; configId: string },
  outputPath: string,
  title: string,
): RenderedVideo {
  return {
    runVideoId: video.id,
    configId: snapshot.configId,
    config: snapshot.config,
    outputPath,
    position: video.position,
    count: run.videos.length,
    accountIds: parseJsonArray(video.account_ids),
    at: run.scheduled_for ?? run.created_at,
    title,
  };
}

/** The hand-over of rendered videos to their receivers (distribution). */
export class RenderedHandOver {
  private readonly listeners: Array<(video: RenderedVideo) => Promise<void>> = [];

  constructor(
    private readonly repository: RunRepository,
    private readonly logger: Logger,
  ) {}

  listen(listener: (video: RenderedVideo) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Every receiver takes the video; the first failure is thrown after all were tried. */
  async give(video: RenderedVideo): Promise<void> {
    let failure: unknown = null;
    for (const listener of this.listeners) {
      try {
        await listener(video);
      } catch (error) {
        this.logger.error('rendered video not handed to distribution', {
          videoId: video.runVideoId,
          error: describeError(error),
        });
        failure ??= error;
      }
    }
    if (failure !== null) throw failure;
  }

  /**
   * Hands over again the videos marked rendered since `since` that `handedOver` does not know
   * (an older version marked them rendered before handing them over). A failure is logged and
   * tried again at the next start.
   */
  async replay(
    since: number,
    handedOver: (runVideoId: string) => Promise<boolean>,
  ): Promise<number> {
    let replayed = 0;
    for (const video of await this.repository.renderedSince(since)) {
      if (!video.output_path || (await handedOver(video.id))) continue;
      const run = await this.repository.getRun(video.run_id);
      if (!run) continue;
      let snapshot: { config: ConfigDraft; configId: string };
      try {
        snapshot = readSnapshot(run);
      } catch {
        continue;
      }
      try {
        await this.give(
          renderedVideo(run, video, snapshot, video.output_path, snapshot.config.name),
        );
      } catch {
        continue;
      }
      replayed += 1;
    }
    if (replayed > 0) this.logger.info('rendered videos handed over again', { replayed });
    return replayed;
  }
}

import type { Account } from '../../../shared/domain/accounts';
import type {
  DistributionListInput,
  DistributionTarget,
  DistributionVideo,
} from '../../../shared/domain/distribution';
import type { CalendarPost } from '../../../shared/domain/calendar';
import type { PlatformId } from '../../../shared/domain/platforms';
import type { DistributionTargetRow, DistributionVideoRow } from '../db/schema';
import { describeError } from '../errors';
import type { PlatformAdapter } from '../platforms/platform-adapter';
import type { Logger } from '../ports';
import type { DistributionAccounts } from './distribution-accounts';
import type { DistributionRepository } from './distribution-repository';
import { postCalendar } from './post-calendar';
import { editabilityOf } from './post-edit';
import { toTargetDto, videoRunOf, videoStatus } from './target-dto';
import type { WaitingPlan } from './waiting-posts';

export interface PostListReaderDeps {
  repository: DistributionRepository;
  accounts: DistributionAccounts;
  adapterFor(platform: PlatformId): PlatformAdapter;
  logger: Logger;
}

/**
 * Reads posts as the UI shows them (the post list, the calendar, one changed target). Kept apart
 * from the service so the writes (hand-over, retry, uploads) read on their own.
 */
export class PostListReader {
  constructor(private readonly deps: PostListReaderDeps) {}

  async list(filter: DistributionListInput): Promise<DistributionVideo[]> {
    const videos = await this.deps.repository.listVideos(filter);
    const targets = await this.deps.repository.targetsOf(videos.map((v) => v.id));
    const runs = await this.deps.repository.runsOf(
      videos.flatMap((v) => (v.run_video_id ? [v.run_video_id] : [])),
    );
    const dtos = await this.toDtos(targets, await this.accountsById(), videos);
    return videos.map((video) => {
      const own = dtos.filter((t) => t.videoId === video.id);
      const run = video.run_video_id ? runs.get(video.run_video_id) : undefined;
      return {
        id: video.id,
        title: video.title,
        configId: video.config_id,
        filePath: video.file_path,
        run: run ? videoRunOf(run) : null,
        createdAt: video.created_at,
        status: videoStatus(own.map((t) => t.state)),
        targets: own,
      };
    });
  }

  /** The calendar's posts: every one not out yet at its planned time (`plan`), and those published in [from, to). */
  async calendarPosts(plan: WaitingPlan, from: number, to: number): Promise<CalendarPost[]> {
    const { repository } = this.deps;
    const published = await repository.publishedBetween(from, to);
    const rows = [...plan.posts.map((p) => p.row), ...published];
    const videos = await repository.videosByIds([...new Set(rows.map((r) => r.video_id))]);
    const runs = await repository.runsOf(
      videos.flatMap((v) => (v.run_video_id ? [v.run_video_id] : [])),
    );
    return postCalendar({
      plan,
      published,
      accounts: await this.accountsById(),
      videos: new Map(
        videos.map((video) => {
          const run = video.run_video_id ? runs.get(video.run_video_id) : undefined;
          return [video.id, { title: video.title, run: run ? videoRunOf(run) : null }];
        }),
      ),
    });
  }

  /** One target as the UI shows it, for the event that says it changed. */
  async targetDto(row: DistributionTargetRow): Promise<DistributionTarget> {
    // A removed account has no handle to show; the target still shows its own state.
    const account = await this.deps.accounts.get(row.account_id).catch(() => null);
    const accounts = new Map(account ? [[account.id, account]] : []);
    const [dto] = await this.toDtos([row], accounts);
    if (!dto) throw new Error(`target ${row.id} could not be shown`);
    return dto;
  }

  private async accountsById(): Promise<Map<string, Account>> {
    try {
      return new Map((await this.deps.accounts.list()).map((a) => [a.id, a]));
    } catch (error) {
      this.deps.logger.warn('accounts not read for the post list', { error: describeError(error) });
      return new Map();
    }
  }

  /** The targets as the UI shows them: account, latest metrics, editability, last edit. */
  private async toDtos(
    rows: DistributionTargetRow[],
    accounts: Map<string, Account>,
    knownVideos: DistributionVideoRow[] = [],
  ): Promise<DistributionTarget[]> {
    const { repository } = this.deps;
    const ids = rows.map((row) => row.id);
    const latest = await repository.latestMetrics(ids);
    const edits = await repository.lastTextEdits(ids);
    const videos = new Map(knownVideos.map((v) => [v.id, v]));
    // Only a waiting or failed post with a saved upload needs its file's size (its edit rules).
    const needSize = rows.filter(
      (r) => (r.state === 'pending' || r.state === 'failed') && r.upload_state && !r.facts,
    );
    const missing = [...new Set(needSize.map((r) => r.video_id))].filter((id) => !videos.has(id));
    for (const video of await repository.videosByIds(missing)) videos.set(video.id, video);
    return rows.map((row) => {
      const facts = JSON.parse(row.facts ?? videos.get(row.video_id)?.facts ?? '{}') as {
        sizeBytes?: number;
      };
      return toTargetDto(row, {
        account: accounts.get(row.account_id) ?? null,
        latest: latest.get(row.id),
        edit: editabilityOf(row, this.deps.adapterFor(row.platform), {
          sizeBytes: facts.sizeBytes ?? 0,
        }),
        editedAt: edits.get(row.id) ?? null,
      });
    });
  }
}
